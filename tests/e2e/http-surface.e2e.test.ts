import { demoKeys, Role } from '@cadres/core';
import { LEAK_PATTERN } from '@cadres/testing';
import { auditServer } from 'graphql-http';
import { createHash } from 'node:crypto';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

/**
 * The HTTP surface as clients meet it (issue 14): client mistakes answered as client mistakes,
 * GraphQL over HTTP as its spec says (graphql-http's own audit).
 */
let platform: E2EPlatform;
let admin: string;

beforeAll(async () => {
  platform = await startE2EPlatform();
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
  const response = await fetch(platform.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept, authorization: admin, ...headers }, body: JSON.stringify(body) });
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
    expect(answer.body.errors![0].extensions).toMatchObject({ argument: 'at', field: 'Cadre.yearsOfServiceLeft' });
    expect(answer.body.errors![0].message).toContain('"at"');
    expect(answer.text).not.toMatch(LEAK_PATTERN);
  });

  it('refuses a malformed LocalDate variable inside a dossier (currentAssignments(at: $at)), naming variable and argument, 400 for graphql-response+json', async () => {
    const query = `query ($id: ID!, $at: LocalDate) { cadre(id: $id) { fullName currentAssignments(at: $at) { termEndsOn } trainingHistory { status } } }`;
    for (const at of ['30/04/2023', '2023-02-29', '0000-01-01']) {
      const answer = await post({ query, variables: { id: CADRE, at } }, GRAPHQL_RESPONSE);
      expect({ at, status: answer.status, code: answer.code }).toEqual({ at, status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.body.errors![0].extensions).toMatchObject({ argument: 'at', variable: 'at', field: 'Cadre.currentAssignments' });
      expect(answer.body.data).toBeUndefined();
    }
    // The same operation with a real date is answered whole.
    const good = await post({ query, variables: { id: CADRE, at: '2024-02-29' } });
    expect([good.status, good.body.errors]).toEqual([200, undefined]);
  });

  it('refuses a null byte in a search, as a literal and as a variable', async () => {
    const literal = await post({ query: `{ cadres(first: 2, filter: { search: "nguy\\u0000en" }) { totalCount } }` });
    expect([literal.status, literal.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(literal.body.errors![0].extensions).toMatchObject({ argument: 'filter.search', field: 'Query.cadres' });
    const variable = await post({ query: `query ($filter: CadreFilter) { cadres(first: 2, filter: $filter) { totalCount } }`, variables: { filter: { search: 'nguy\u0000en' } } });
    expect([variable.status, variable.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(variable.body.errors![0].extensions).toMatchObject({ argument: 'filter.search', variable: 'filter' });
    expect(variable.body.errors![0].message).toContain('U+0000');
  });

  it('refuses other control characters in a text input of a mutation, and changes nothing', async () => {
    const read = async () => (await post({ query: `{ cadre(id: "${CADRE}") { hometown } }` })).body.data;
    const before = await read();
    const answer = await post({
      query: `mutation ($id: ID!, $input: UpdateCadreInput!) { updateCadre(id: $id, input: $input) { errors { code } } }`,
      variables: { id: CADRE, input: { hometown: 'Mường\u0007Chà' } },
    });
    expect([answer.status, answer.code]).toEqual([200, 'BAD_USER_INPUT']);
    expect(answer.body.errors![0].extensions).toMatchObject({ argument: 'input.hometown', variable: 'input', field: 'Mutation.updateCadre' });
    expect(await read()).toEqual(before);
  });

  it('keeps tabs and line breaks, which are text', async () => {
    const answer = await post({ query: `query ($filter: CadreFilter) { cadres(first: 1, filter: $filter) { totalCount } }`, variables: { filter: { search: 'Lò\tVăn\nMinh' } } });
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
  });

  it('refuses trainingPlans(year: 2147483647) with BAD_USER_INPUT on year (a smallint column once failed the statement)', async () => {
    const answer = await post({ query: `{ trainingPlans(year: 2147483647) { year } }` });
    expect(answer.status).toBe(200);
    expect(answer.body.errors![0]).toMatchObject({ path: ['trainingPlans'], extensions: { code: 'BAD_USER_INPUT', field: 'year' } });
    expect((await post({ query: `{ trainingPlans(year: 2026) { year } }` })).body.errors).toBeUndefined();
  });

  it('refuses an Int variable beyond 32 bits as GraphQL does: BAD_USER_INPUT', async () => {
    const answer = await post({ query: `query ($year: Int) { trainingPlans(year: $year) { year } }`, variables: { year: 2 ** 31 } }, GRAPHQL_RESPONSE);
    expect([answer.status, answer.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('asks for operationName when a document has several operations', async () => {
    const answer = await post({ query: `query A { __typename } query B { titles { name } }` });
    expect([answer.status, answer.code]).toEqual([200, 'OPERATION_RESOLUTION_FAILURE']);
    expect(answer.body.errors![0].message).toContain('operationName');
    expect((await post({ query: `query A { __typename } query B { titles { name } }` }, GRAPHQL_RESPONSE)).status).toBe(400);
    expect((await post({ query: `query A { __typename } query B { __typename }`, operationName: 'B' })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('names an unknown operationName', async () => {
    const answer = await post({ query: `query A { __typename }`, operationName: 'Dossier' }, GRAPHQL_RESPONSE);
    expect([answer.status, answer.code]).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
    expect(answer.body.errors![0].message).toContain('"Dossier"');
  });

  it('refuses a subscription with BAD_REQUEST', async () => {
    const answer = await post({ query: `subscription { __typename }` });
    expect([answer.status, answer.code]).toEqual([400, 'BAD_REQUEST']);
    expect(answer.body.errors![0].message).toMatch(/Subscriptions are not supported/);
  });

  it('refuses a persisted query whose hash is not its query’s: PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const answer = await post({ query: `{ __typename }`, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    expect([answer.status, answer.code]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
  });

  it('refuses persisted-query version 2: PERSISTED_QUERY_VERSION_NOT_SUPPORTED', async () => {
    const query = `{ __typename }`;
    const answer = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
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
    ['a variable of the wrong type', { query: 'query ($year: Int) { trainingPlans(year: $year) { year } }', variables: { year: 'twenty' } }, 'BAD_USER_INPUT'],
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
      const level = result.name.split(' ')[0];
      const counts = tally.get(level) ?? { ok: 0, all: 0 };
      counts.all += 1;
      if (result.status === 'ok') counts.ok += 1;
      tally.set(level, counts);
    }
    const line = ['MUST', 'SHOULD', 'MAY'].map((level) => `${level} ${tally.get(level)?.ok ?? 0}/${tally.get(level)?.all ?? 0}`).join(', ');
    process.stdout.write(`graphql-http audit: ${line}\n`);
    for (const result of results) if (result.status !== 'ok') process.stdout.write(`  ${result.status}: ${result.name} (${result.reason})\n`);
    const failed = results.filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY')).map((result) => result.name);
    expect(failed).toEqual([]);
  }, 60_000);
});
