import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { demoKeys, Role } from '@cadres/core';
import { LEAK_PATTERN } from '@cadres/testing';
import { auditServer } from 'graphql-http';
import { createHash } from 'node:crypto';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { logsCaughtUp } from '../support/logs';

/**
 * The HTTP surface as clients meet it (issue 14): client mistakes answered as client mistakes,
 * GraphQL over HTTP as its spec says (graphql-http's own audit).
 */
let platform: E2EPlatform;
let admin: string;
const DASHBOARD = 'https://dashboard.example.vn';

beforeAll(async () => {
  platform = await startE2EPlatform({ env: { CORS_ORIGINS: DASHBOARD, MAX_BATCH_SIZE: '3' } });
  admin = `Bearer ${await token({ role: Role.ADMIN })}`;
}, 180_000);

afterAll(() => platform?.stop());

const JSON_ONLY = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
  code: unknown;
}

async function post(body: unknown, accept = JSON_ONLY, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(platform.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: admin, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as Answer['body'];
  return { status: response.status, text, body: parsed, code: parsed.errors?.[0]?.extensions?.code };
}

const CADRE = demoKeys.cadreId(1);
const serviceLeftAt = (at: string) => `{ cadre(id: "${CADRE}") { fullName yearsOfServiceLeft(at: ${at}) } }`;

describe('client mistakes are answered as client mistakes, never as a 500', () => {
  it.each([
    ['a date written 30/04/2023', '"30/04/2023"'],
    ['a day that does not exist (2023-02-29)', '"2023-02-29"'],
    ['a date-time for a date', '"2023-02-28T00:00:00Z"'],
    ['a number for a date', '2026'],
    ['year 0000', '"0000-01-01"'],
  ])('refuses %s as a LocalDate literal with BAD_USER_INPUT naming the argument', async (_case, literal) => {
    const answer = await post({ query: serviceLeftAt(literal) });
    expect([answer.status, answer.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(answer.body.errors![0]?.extensions).toMatchObject({ argument: 'at', field: 'Cadre.yearsOfServiceLeft' });
    expect(answer.body.errors![0]?.message).toContain('"at"');
    expect(answer.text).not.toMatch(LEAK_PATTERN);
  });

  it('refuses a malformed LocalDate variable inside a dossier (currentAssignments(at: $at)), naming variable and argument, 400 for graphql-response+json', async () => {
    const query = `query ($id: ID!, $at: LocalDate) { cadre(id: $id) { fullName currentAssignments(at: $at) { termEndsOn } trainingHistory { status } } }`;
    for (const at of ['30/04/2023', '2023-02-29', '0000-01-01']) {
      const answer = await post({ query, variables: { id: CADRE, at } }, GRAPHQL_RESPONSE);
      expect({ at, status: answer.status, code: answer.code }).toEqual({ at, status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.body.errors![0]?.extensions).toMatchObject({
        argument: 'at',
        variable: 'at',
        field: 'Cadre.currentAssignments',
      });
      expect(answer.body.data).toBeUndefined();
    }
    // The same operation with a real date is answered whole.
    const good = await post({ query, variables: { id: CADRE, at: '2024-02-29' } });
    expect([good.status, good.body.errors]).toEqual([200, undefined]);
  });

  it('refuses a null byte in a search, as a literal and as a variable, before any subgraph is called', async () => {
    const requestId = `nul-${Date.now()}`;
    const literal = await post(
      { query: `{ cadres(first: 2, filter: { search: "nguy\\u0000en" }) { totalCount } }` },
      JSON_ONLY,
      { 'x-request-id': requestId },
    );
    await logsCaughtUp(platform);
    // The gateway logged the request (the control); no subgraph did.
    expect(platform.logs.some((line) => line.includes(requestId) && line.includes('"service":"gateway"'))).toBe(true);
    expect(platform.logs.filter((line) => line.includes(requestId) && !line.includes('"service":"gateway"'))).toEqual(
      [],
    );
    expect([literal.status, literal.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(literal.body.errors![0]?.extensions).toMatchObject({ argument: 'filter.search', field: 'Query.cadres' });
    const variable = await post({
      query: `query ($filter: CadreFilter) { cadres(first: 2, filter: $filter) { totalCount } }`,
      variables: { filter: { search: 'nguy\u0000en' } },
    });
    expect([variable.status, variable.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(variable.body.errors![0]?.extensions).toMatchObject({ argument: 'filter.search', variable: 'filter' });
    expect(variable.body.errors![0]?.message).toContain('U+0000');
  });

  it('refuses other control characters in a text input of a mutation, and changes nothing', async () => {
    const read = async () => (await post({ query: `{ cadre(id: "${CADRE}") { hometown } }` })).body.data;
    const before = await read();
    const answer = await post({
      query: `mutation ($id: ID!, $input: UpdateCadreInput!) { updateCadre(id: $id, input: $input) { errors { code } } }`,
      variables: { id: CADRE, input: { hometown: 'Mường\u0007Chà' } },
    });
    expect([answer.status, answer.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(answer.body.errors![0]?.extensions).toMatchObject({
      argument: 'input.hometown',
      variable: 'input',
      field: 'Mutation.updateCadre',
    });
    expect(await read()).toEqual(before);
  });

  it('keeps tabs and line breaks, which are text', async () => {
    const answer = await post({
      query: `query ($filter: CadreFilter) { cadres(first: 1, filter: $filter) { totalCount } }`,
      variables: { filter: { search: 'Lò\tVăn\nMinh' } },
    });
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
  });

  it('refuses trainingPlans(year: 2147483647) with BAD_USER_INPUT on year (a smallint column once failed the statement)', async () => {
    const answer = await post({ query: `{ trainingPlans(year: 2147483647) { year } }` });
    expect(answer.status).toBe(200);
    expect(answer.body.errors![0]).toMatchObject({
      path: ['trainingPlans'],
      extensions: { code: 'BAD_USER_INPUT', field: 'year' },
    });
    expect((await post({ query: `{ trainingPlans(year: 2026) { year } }` })).body.errors).toBeUndefined();
  });

  it('refuses an Int variable beyond 32 bits as GraphQL does: BAD_USER_INPUT', async () => {
    const answer = await post(
      { query: `query ($year: Int) { trainingPlans(year: $year) { year } }`, variables: { year: 2 ** 31 } },
      GRAPHQL_RESPONSE,
    );
    expect([answer.status, answer.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('asks for operationName when a document has several operations', async () => {
    const answer = await post({ query: `query A { __typename } query B { titles { name } }` });
    expect([answer.status, answer.code]).toEqual([200, 'OPERATION_RESOLUTION_FAILURE']);
    expect(answer.body.errors![0]?.message).toContain('operationName');
    expect((await post({ query: `query A { __typename } query B { titles { name } }` }, GRAPHQL_RESPONSE)).status).toBe(
      400,
    );
    expect((await post({ query: `query A { __typename } query B { __typename }`, operationName: 'B' })).body).toEqual({
      data: { __typename: 'Query' },
    });
  });

  it('names an unknown operationName', async () => {
    const answer = await post({ query: `query A { __typename }`, operationName: 'Dossier' }, GRAPHQL_RESPONSE);
    expect([answer.status, answer.code]).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
    expect(answer.body.errors![0]?.message).toContain('"Dossier"');
  });

  it('refuses a subscription with BAD_REQUEST', async () => {
    const answer = await post({ query: `subscription { __typename }` });
    expect([answer.status, answer.code]).toEqual([400, 'BAD_REQUEST']);
    expect(answer.body.errors![0]?.message).toMatch(/Subscriptions are not supported/);
  });

  it('refuses a persisted query whose hash is not its query’s: PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const answer = await post({
      query: `{ __typename }`,
      extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
    });
    expect([answer.status, answer.code]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
  });

  it('refuses persisted-query version 2: PERSISTED_QUERY_VERSION_NOT_SUPPORTED', async () => {
    const query = `{ __typename }`;
    const answer = await post({
      query,
      extensions: { persistedQuery: { version: 2, sha256Hash: createHash('sha256').update(query).digest('hex') } },
    });
    expect([answer.status, answer.code]).toEqual([400, 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED']);
  });

  it('still serves a persisted query: unknown hash, then registered, then by hash alone', async () => {
    const query = `{ titles { name } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    expect((await post({ extensions: { persistedQuery } })).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions: { persistedQuery } })).body.errors).toBeUndefined();
    expect((await post({ extensions: { persistedQuery } })).body.errors).toBeUndefined();
  });
});

describe('GraphQL over HTTP', () => {
  it.each([
    ['a document that does not parse', { query: '{ cadre(id: 1 }' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', { query: '{ titls { name } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a variable of the wrong type',
      { query: 'query ($year: Int) { trainingPlans(year: $year) { year } }', variables: { year: 'twenty' } },
      'BAD_USER_INPUT',
    ],
  ])('answers %s 200 for application/json, 400 for application/graphql-response+json', async (_case, body, code) => {
    const json = await post(body, JSON_ONLY);
    expect([json.status, json.code]).toEqual([200, code]);
    const apolloClient3 = await post(body, '*/*');
    expect([apolloClient3.status, apolloClient3.code]).toEqual([200, code]);
    const graphqlResponse = await post(body, GRAPHQL_RESPONSE);
    expect([graphqlResponse.status, graphqlResponse.code]).toEqual([400, code]);
  });

  it('passes every MUST and SHOULD of graphql-http’s audit', async () => {
    // The audit's requests carry a token (the gateway answers nothing without one) and nothing else.
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', admin);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: platform.graphqlUrl, fetchFn });
    const tally = new Map<string, { ok: number; all: number }>();
    for (const result of results) {
      const [level = ''] = result.name.split(' ');
      const counts = tally.get(level) ?? { ok: 0, all: 0 };
      counts.all += 1;
      if (result.status === 'ok') counts.ok += 1;
      tally.set(level, counts);
    }
    const line = ['MUST', 'SHOULD', 'MAY']
      .map((level) => `${level} ${tally.get(level)?.ok ?? 0}/${tally.get(level)?.all ?? 0}`)
      .join(', ');
    process.stdout.write(`graphql-http audit: ${line}\n`);
    for (const result of results)
      if (result.status !== 'ok') process.stdout.write(`  ${result.status}: ${result.name} (${result.reason})\n`);
    const failed = results
      .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
      .map((result) => result.name);
    expect(failed).toEqual([]);
  }, 60_000);
});

describe('CORS for a real browser’s requests', () => {
  const preflight = (origin: string, headers: string) =>
    fetch(platform.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
    });

  it('lets an allowed origin send what Apollo Client, tracing and the CSRF check need, and caches the preflight', async () => {
    const sent =
      'content-type,authorization,traceparent,tracestate,apollographql-client-name,apollographql-client-version,x-apollo-operation-name,apollo-require-preflight,x-request-id';
    const answer = await preflight(DASHBOARD, sent);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const allowed = answer.headers.get('access-control-allow-headers')!.split(',');
    for (const header of sent.split(',')) expect(allowed).toContain(header);
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    expect(answer.headers.get('access-control-max-age')).toBe('600');
    expect(answer.headers.get('vary')).toMatch(/Origin/);
  });

  it('exposes the request id, Retry-After and WWW-Authenticate to the page’s script', async () => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        origin: DASHBOARD,
        'content-type': 'application/json',
        authorization: admin,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-expose-headers')!.split(',')).toEqual(
      expect.arrayContaining(['x-request-id', 'retry-after', 'www-authenticate']),
    );
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('gives another origin no CORS header, and its preflight a 403', async () => {
    const answer = await preflight('https://evil.example.com', 'content-type,authorization');
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://evil.example.com', 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('401 answers say how to authenticate', () => {
  const send = (authorization?: string) =>
    fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('WWW-Authenticate: Bearer without a token', async () => {
    const response = await send();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="cadres"');
  });

  it('WWW-Authenticate: Bearer error="invalid_token" for a token refused (forged, expired)', async () => {
    for (const bearer of ['Bearer not.a.jwt', `Bearer ${await token({ role: Role.ADMIN, expiresIn: -60 })}`]) {
      const response = await send(bearer);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="cadres", error="invalid_token"/);
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
      ).toBe('UNAUTHENTICATED');
    }
  });
});

describe('batched requests', () => {
  it('answers Apollo Client’s BatchHttpLink: three queries in one HTTP request, each its own answer', async () => {
    const bodies: unknown[] = [];
    const link = new BatchHttpLink({
      uri: platform.graphqlUrl,
      headers: { authorization: admin },
      batchMax: 3,
      batchInterval: 20,
      fetch: async (input, init) => {
        bodies.push(JSON.parse(typeof init?.body === 'string' ? init.body : '{}'));
        return fetch(input, init);
      },
    });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const [cadre, titles, bad] = await Promise.all([
      client.query({
        query: gql`
          query Cadre($id: ID!) {
            cadre(id: $id) {
              id
              fullName
            }
          }
        `,
        variables: { id: CADRE },
      }),
      client.query({
        query: gql`
          query Titles {
            titles {
              id
              name
            }
          }
        `,
      }),
      client.query({
        query: gql`query Late($at: LocalDate) { cadre(id: "${CADRE}") { id yearsOfServiceLeft(at: $at) } }`,
        variables: { at: '30/04/2023' },
        errorPolicy: 'all',
      }),
    ]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toHaveLength(3);
    expect(cadre.data).toEqual({ cadre: { __typename: 'Cadre', id: CADRE, fullName: 'Lò Văn Minh' } });
    expect((titles.data as { titles: unknown[] }).titles.length).toBeGreaterThan(5);
    // The third operation's mistake is its own: the others are answered.
    expect(bad.error?.message).toMatch(/"at"/);
  });

  it('refuses a batch over MAX_BATCH_SIZE with BAD_REQUEST', async () => {
    const answer = await post(Array.from({ length: 4 }, () => ({ query: '{ __typename }' })));
    expect([answer.status, answer.code]).toEqual([400, 'BAD_REQUEST']);
    expect(answer.body.errors![0]?.message).toContain('at most 3');
  });
});
