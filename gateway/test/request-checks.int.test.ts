import { createLogger, Role } from '@cadres/core';
import { getIntrospectionQuery } from 'graphql';
import { randomBytes, randomUUID } from 'node:crypto';
import { devToken } from './dev-token';
import { gatewayEnvSchema } from '../src/env';
import { createGatewayServer, trustedProxies, type GatewayServer } from '../src/server';

/**
 * The gateway in production mode, in process on a real port, without subgraphs: everything tested
 * here is decided before any subgraph is called (authentication, rate limits, operation limits),
 * and introspection is answered by the gateway itself from the supergraph.
 */
const AUTH_SECRET = randomBytes(32).toString('hex');
const NOWHERE = 'http://127.0.0.1:1/graphql';
const running: GatewayServer[] = [];
afterAll(() => Promise.all(running.map((server) => server.stop())));

async function startGateway(overrides: Record<string, string> = {}): Promise<string> {
  const env = gatewayEnvSchema.parse({
    NODE_ENV: 'production',
    AUTH_HS256_SECRET: AUTH_SECRET,
    INTERNAL_SIGNING_SECRET: randomBytes(32).toString('hex'),
    GRAPHIQL: 'false',
    PERSONNEL_URL: NOWHERE,
    TRAINING_URL: NOWHERE,
    PLANNING_URL: NOWHERE,
    // As in the e2e production run: limits well below the defaults, which introspection must still pass.
    MAX_DEPTH: '10',
    MAX_COST: '2000',
    MAX_ALIASES: '10',
    ...overrides,
  });
  const server = await createGatewayServer(env, createLogger('gateway', 'silent'));
  running.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}/graphql`;
}

const bearer = (role: Role, subject?: string) => devToken(AUTH_SECRET, role, subject);

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, headers: response.headers, body, code: body.errors?.[0]?.extensions?.code };
}

describe('the schema for partners, in production', () => {
  let url: string;
  beforeAll(async () => {
    url = await startGateway();
  });

  // What GraphiQL and graphql-codegen send. (Not `oneOf`: @apollo/gateway's planner does not know
  // `__Type.isOneOf`, whoever asks.)
  const STANDARD = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  });

  it.each([Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER])(
    'gives %s the standard introspection query (GraphiQL, graphql-codegen)',
    async (role) => {
      const query = STANDARD;
      const result = await post(url, query, { authorization: `Bearer ${await bearer(role)}` });
      expect(result.body.errors).toBeUndefined();
      const types = (result.body.data!.__schema as { types: { name: string }[] }).types.map((t) => t.name);
      expect(types).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Cadre', 'PlanningEntry']));
    },
  );

  it('refuses it without a token', async () => {
    const result = await post(url, getIntrospectionQuery());
    expect([result.status, result.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(result.body.data).toBeUndefined();
  });
});

describe('introspection within the operation limits', () => {
  let url: string;
  beforeAll(async () => {
    url = await startGateway();
  });

  const STANDARD = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  });
  const nestedOfType = (levels: number) =>
    `{ __type(name: "Cadre") { fields { type ${'{ ofType '.repeat(levels)}{ name }${' }'.repeat(levels)} } } }`;

  it.each([
    [
      '1,200 aliases of __typename',
      `{ ${Array.from({ length: 1200 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      'TOO_MANY_ALIASES',
    ],
    [
      '11 aliases of __schema',
      `{ ${Array.from({ length: 11 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`,
      'TOO_MANY_ALIASES',
    ],
    ['ofType nested 123 levels', nestedOfType(123), 'OPERATION_TOO_DEEP'],
    ['ofType nested one level deeper than the standard query', nestedOfType(12), 'OPERATION_TOO_DEEP'],
    [
      'the standard query asked twice (aliased)',
      STANDARD.replace('__schema {', 'a: __schema {').replace(
        'query IntrospectionQuery {',
        'query IntrospectionQuery { b: __schema { types { ...FullType } }',
      ),
      'OPERATION_TOO_COSTLY',
    ],
    // Apollo Server's own rule refuses this one first; either way it never runs.
    [
      'types nested through fields',
      `{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('refuses %s', async (_case, query, code) => {
    // 400 with application/graphql-response+json (with application/json a refusal answers 200).
    const result = await post(url, query, {
      authorization: `Bearer ${await bearer(Role.ADMIN)}`,
      'x-request-id': `limit-${randomUUID()}`,
      accept: 'application/graphql-response+json',
    });
    expect([result.status, result.code]).toEqual([400, code]);
  });

  it('still answers a small introspection of the same shapes (the refusals are about size)', async () => {
    const token = `Bearer ${await bearer(Role.VIEWER)}`;
    expect((await post(url, `{ a: __typename b: __typename }`, { authorization: token })).body.data).toEqual({
      a: 'Query',
      b: 'Query',
    });
    expect((await post(url, nestedOfType(3), { authorization: token })).body.errors).toBeUndefined();
  });
});

describe('429 answers', () => {
  it('carry Retry-After, for a subject over its allowance', async () => {
    const url = await startGateway({ RATE_LIMIT_PER_MINUTE: '3' });
    const token = `Bearer ${await bearer(Role.VIEWER)}`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(url, '{ __typename }', { authorization: token }));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429]);
    expect(statuses[3]?.code).toBe('RATE_LIMITED');
    expect(Number(statuses[3]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(statuses[3]?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});

describe('forwarded addresses and the failed-login counter', () => {
  const failedLogins = async (url: string) => {
    const statuses = [];
    // Each attempt claims another address; only a trusted proxy's word for it counts.
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await post(url, '{ __typename }', {
            authorization: 'Bearer not.a.jwt',
            'x-forwarded-for': `203.0.113.${i + 1}`,
          })
        ).status,
      );
    return statuses;
  };

  it('ignores X-Forwarded-For by default: a local process cannot dodge the counter', async () => {
    const url = await startGateway({ RATE_LIMIT_PER_MINUTE: '3' });
    expect(await failedLogins(url)).toEqual([401, 401, 401, 429]);
  });

  it('believes it from a configured proxy', async () => {
    const url = await startGateway({ RATE_LIMIT_PER_MINUTE: '3', TRUSTED_PROXIES: 'loopback' });
    expect(await failedLogins(url)).toEqual([401, 401, 401, 401]);
  });

  it('reads TRUSTED_PROXIES as a list, empty meaning no one', () => {
    expect(trustedProxies('')).toBe(false);
    expect(trustedProxies(' 10.0.0.0/8, loopback ')).toEqual(['10.0.0.0/8', 'loopback']);
  });
});

describe('batched requests', () => {
  const postBatch = async (url: string, queries: string[], authorization: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(queries.map((query) => ({ query }))),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] }[],
    };
  };

  it('count each operation against the rate limit', async () => {
    const url = await startGateway({ RATE_LIMIT_PER_MINUTE: '4', MAX_BATCH_SIZE: '3' });
    const token = `Bearer ${await bearer(Role.VIEWER)}`;
    const batch = await postBatch(url, ['{ a: __typename }', '{ b: __typename }', '{ c: __typename }'], token);
    expect(batch.status).toBe(200);
    expect(batch.body.map((answer) => answer.data)).toEqual([{ a: 'Query' }, { b: 'Query' }, { c: 'Query' }]);
    // Three operations counted: one more is allowed, then the minute's four are used.
    expect((await post(url, '{ __typename }', { authorization: token })).status).toBe(200);
    const refused = await post(url, '{ __typename }', { authorization: token });
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('hold each operation to the cost limit on its own', async () => {
    const url = await startGateway();
    const costly = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: cadres(first: 100) { edges { node { fullName orgUnit { name } } } }`).join(' ')} }`;
    const batch = await postBatch(url, [costly, '{ __typename }'], `Bearer ${await bearer(Role.ADMIN)}`);
    expect(batch.body[0]?.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COSTLY');
    expect(batch.body[1]).toEqual({ data: { __typename: 'Query' } });
  });

  it('are refused when MAX_BATCH_SIZE is 0', async () => {
    const url = await startGateway({ MAX_BATCH_SIZE: '0' });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer(Role.ADMIN)}` },
      body: '[{"query":"{ __typename }"}]',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BAD_REQUEST',
    );
  });
});
