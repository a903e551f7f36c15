import {
  DEV_INTERNAL_SIGNING_SECRET,
  IDENTITY_HEADER,
  REQUEST_SIGNATURE_HEADER,
  signIdentity,
  signRequest,
} from '@cadres/core';
import { LEAK_PATTERN, TEST_ADMIN, useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { personnelSubgraph } from '../src/subgraph';

/**
 * A subgraph checks each request's signature over its raw bytes before anything is parsed or
 * executed (request-authentication.ts): a refused mutation changes nothing.
 */
const harness = useSubgraphHarness(personnelSubgraph);

const CREATE =
  'mutation ($input: CreateDecisionInput!) { createDecision(input: $input) { decision { id } errors { code } } }';
const bodyFor = (number: string) =>
  JSON.stringify({
    query: CREATE,
    variables: {
      input: {
        number,
        signedOn: '2026-01-05',
        effectiveOn: '2026-01-05',
        signingAuthority: 'UBND tỉnh',
        legalBasis: 'Thử',
        subject: 'Thử',
      },
    },
  });

/** POSTs `body` with the identity and a signature of `signedBody` (the same unless a test says), made at `at`. */
async function send(body: string, options: { signedBody?: string; at?: number; method?: string; path?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: await signIdentity(TEST_ADMIN, DEV_INTERNAL_SIGNING_SECRET),
  };
  headers[REQUEST_SIGNATURE_HEADER] = signRequest(
    DEV_INTERNAL_SIGNING_SECRET,
    {
      audience: 'personnel',
      method: options.method ?? 'POST',
      path: options.path ?? '/graphql',
      headers,
      body: options.signedBody ?? body,
    },
    options.at,
  );
  const response = await fetch(harness.url, { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
  };
}

const decisionsNumbered = async (number: string) =>
  Number(
    (
      await harness.subgraph.dataSource.query(`SELECT count(*) AS n FROM personnel.decision WHERE number = $1`, [
        number,
      ])
    )[0].n,
  );

describe('request signatures at a subgraph', () => {
  it('executes a request signed as sent (the positive control)', async () => {
    const number = `${randomUUID()}-QĐ`;
    const result = await send(bodyFor(number));
    expect(result.status).toBe(200);
    expect(await decisionsNumbered(number)).toBe(1);
  });

  it.each<[string, (number: string) => Parameters<typeof send>[1]]>([
    ['signed for another body', () => ({ signedBody: bodyFor(`${randomUUID()}-QĐ`) })],
    ['signed 11 s ago (past its 10 s)', () => ({ at: Date.now() - 11_000 })],
    ['signed 11 s ahead of the clock', () => ({ at: Date.now() + 11_000 })],
    ['signed as another method', () => ({ method: 'GET' })],
    ['signed for another path', () => ({ path: '/graphql?debug=1' })],
  ])('refuses a mutation %s with 401, before executing it', async (_case, options) => {
    const number = `${randomUUID()}-QĐ`;
    const result = await send(bodyFor(number), options(number));
    expect([result.status, result.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await decisionsNumbered(number)).toBe(0);
  });

  it('answers a signed body that is not JSON with a clean 400, no stack or parser detail', async () => {
    const result = await send('{"query": ');
    expect([result.status, result.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    expect(result.text).not.toMatch(LEAK_PATTERN);
  });

  it('refuses a GET, which has no body, unless the empty body was signed for it', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const headers: Record<string, string> = {
      [IDENTITY_HEADER]: await signIdentity(TEST_ADMIN, DEV_INTERNAL_SIGNING_SECRET),
      'apollo-require-preflight': 'true',
    };
    // A POST's signature does not pass for a GET.
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(DEV_INTERNAL_SIGNING_SECRET, {
      audience: 'personnel',
      method: 'POST',
      path,
      headers,
      body: '',
    });
    expect((await fetch(harness.url.replace('/graphql', path), { headers })).status).toBe(401);
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(DEV_INTERNAL_SIGNING_SECRET, {
      audience: 'personnel',
      method: 'GET',
      path,
      headers,
      body: '',
    });
    expect((await fetch(harness.url.replace('/graphql', path), { headers })).status).toBe(200);
  });
});
