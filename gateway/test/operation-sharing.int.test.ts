import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger, must, REQUEST_ID_HEADER, Role } from '@cadres/core';
import { execute, parse } from 'graphql';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devToken } from './dev-token';
import { gatewayEnvSchema } from '../src/env';
import { SQL_STATEMENTS_HEADER } from '../src/gateway-context';
import { createGatewayServer, type GatewayServer } from '../src/server';

/**
 * Identical client operations in flight answered by one execution (operation-sharing.ts), through
 * the whole gateway on a real port: the real HTTP handler, authentication, Apollo Server and
 * @apollo/gateway, in front of a small subgraph on a real port that holds each query until the
 * test lets it answer, so that requests are truly in flight together, and counts the calls it gets.
 */
const TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { cadres(unit: String): [Cadre!]! broken: [Cadre!]! }
  type Mutation { touch: Int! }
  type Cadre @key(fields: "id") { id: ID! name: String! }
`);

interface Call {
  operation: string;
  requestId: string | undefined;
}

/** The subgraph: queries wait for `release()`; mutations answer at once. Every call reports 1 SQL statement. */
async function heldSubgraph() {
  let touched = 0;
  const schema = buildSubgraphSchema([
    {
      typeDefs: TYPE_DEFS,
      resolvers: {
        Query: {
          cadres: (_: unknown, { unit }: { unit?: string }) => [{ id: '1', name: `Nguyễn Văn A ${unit ?? ''}`.trim() }],
          broken: () => {
            throw new Error('the cadre register is unavailable');
          },
        },
        Mutation: { touch: () => (touched += 1) },
      },
    },
  ]);
  const calls: Call[] = [];
  let open = false;
  let waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const document = parse(query);
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')?.operation ?? 'query';
      calls.push({ operation, requestId: req.headers[REQUEST_ID_HEADER] as string | undefined });
      const answer = async () => {
        if (operation === 'query' && !open) await new Promise<void>((resolve) => waiters.push(resolve));
        const result = await execute({ schema, document, variableValues: variables });
        res.writeHead(200, { 'content-type': 'application/json', [SQL_STATEMENTS_HEADER]: '1' });
        res.end(JSON.stringify(result));
      };
      void answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls,
    queries: () => calls.filter((call) => call.operation === 'query').length,
    hold() {
      open = false;
    },
    release() {
      open = true;
      for (const wake of waiters) wake();
      waiters = [];
    },
  };
}

const AUTH_SECRET = randomBytes(32).toString('hex');
const servers: Server[] = [];
const gateways: GatewayServer[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function startGateway(subgraphUrl: string, overrides: Record<string, string> = {}): Promise<string> {
  const composed = composeServices([{ name: 'personnel', url: subgraphUrl, typeDefs: TYPE_DEFS }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const env = gatewayEnvSchema.parse({
    NODE_ENV: 'production',
    AUTH_HS256_SECRET: AUTH_SECRET,
    INTERNAL_SIGNING_SECRET: randomBytes(32).toString('hex'),
    GRAPHIQL: 'false',
    PERSONNEL_URL: subgraphUrl,
    TRAINING_URL: 'http://127.0.0.1:1/graphql',
    PLANNING_URL: 'http://127.0.0.1:1/graphql',
    ...overrides,
  });
  const gateway = await createGatewayServer(env, createLogger('gateway', 'silent'), composed.supergraphSdl);
  gateways.push(gateway);
  const { port } = await gateway.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}/graphql`;
}

const tokenOf = (role: Role, subject?: string) => devToken(AUTH_SECRET, role, subject);

interface Answer {
  status: number;
  requestId: string | null;
  statements: string | null;
  text: string;
}

async function post(url: string, token: string, body: object, requestId = randomUUID()): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: requestId },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get(REQUEST_ID_HEADER),
    statements: response.headers.get(SQL_STATEMENTS_HEADER),
    text: await response.text(),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Long enough for a request sent together with one the subgraph already holds to reach the
 * gateway's sharing on a loaded machine; if it did not, it gets a call of its own and the test
 * counting calls fails: a slow machine can make it fail, never pass wrongly.
 */
const SETTLE_MS = 750;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const CADRES = { query: 'query Cadres($unit: String) { cadres(unit: $unit) { id name } }', variables: { unit: 'x' } };

describe('identical client operations in flight', () => {
  let subgraph: Awaited<ReturnType<typeof heldSubgraph>>;
  let url: string;
  beforeAll(async () => {
    subgraph = await heldSubgraph();
    servers.push(subgraph.server);
    // Identical subgraph calls in flight would share one call anyway (coalesce.ts): off, so that a
    // single call proves a single execution.
    url = await startGateway(subgraph.url, { COALESCE_SUBGRAPH_QUERIES: 'off' });
  });
  beforeEach(() => {
    subgraph.hold();
    subgraph.calls.length = 0;
  });

  it('answers identical queries of one caller with one execution, each client with its own request id', async () => {
    const token = await tokenOf(Role.ADMIN);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const answers = Promise.all(ids.map((id) => post(url, token, CADRES, id)));
    await until(() => subgraph.queries() === 1, 'the subgraph holds the first call');
    await settle();
    subgraph.release();
    const all = await answers;
    const [first, ...others] = all;
    expect(subgraph.calls).toHaveLength(1);
    expect(JSON.parse(must(first, 'three answers').text)).toEqual({
      data: { cadres: [{ id: '1', name: 'Nguyễn Văn A x' }] },
    });
    for (const other of others) expect([other.status, other.text]).toEqual([first?.status, first?.text]);
    // Each client gets its own request id back; the subgraph saw the one that led.
    expect(all.map((answer) => answer.requestId)).toEqual(ids);
    expect(ids).toContain(subgraph.calls[0]?.requestId);
    // The leader reports the subgraph's statement, the others none of their own.
    expect(all.map((answer) => answer.statements).sort()).toEqual(['0', '0', '1']);
    const leader = all.find((answer) => answer.statements === '1');
    expect(leader?.requestId).toBe(subgraph.calls[0]?.requestId);
  });

  it('shares an error answer as it is', async () => {
    const token = await tokenOf(Role.ADMIN);
    const answers = Promise.all([1, 2].map(() => post(url, token, { query: '{ broken { id } }' })));
    await until(() => subgraph.queries() === 1, 'the subgraph holds the first call');
    await settle();
    subgraph.release();
    const [one, two] = await answers;
    expect(subgraph.calls).toHaveLength(1);
    const body = JSON.parse(must(one, 'two answers').text) as { errors?: { message: string }[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect([two?.status, two?.text]).toEqual([one?.status, one?.text]);
  });

  it('never shares between different callers, nor between different variables', async () => {
    const [alice, bob] = await Promise.all([tokenOf(Role.ADMIN, 'alice'), tokenOf(Role.ADMIN, 'bob')]);
    const answers = Promise.all([
      post(url, alice, CADRES),
      post(url, bob, CADRES),
      post(url, alice, { ...CADRES, variables: { unit: 'y' } }),
    ]);
    // Each its own call: the subgraph holds three at once (a wrongly shared one would never come).
    await until(() => subgraph.queries() === 3, 'the subgraph holds three calls');
    subgraph.release();
    const [, , other] = await answers;
    expect(JSON.parse(other.text)).toEqual({ data: { cadres: [{ id: '1', name: 'Nguyễn Văn A y' }] } });
  });

  it('never shares between the same subject under another role', async () => {
    const [admin, viewer] = await Promise.all([tokenOf(Role.ADMIN, 'carol'), tokenOf(Role.VIEWER, 'carol')]);
    const answers = Promise.all([post(url, admin, CADRES), post(url, viewer, CADRES)]);
    await until(() => subgraph.queries() === 2, 'the subgraph holds two calls');
    subgraph.release();
    await answers;
  });

  it("never shares a partner's reads, which the subgraphs audit per request", async () => {
    const partner = await tokenOf(Role.PARTNER);
    const answers = Promise.all([post(url, partner, CADRES), post(url, partner, CADRES)]);
    await until(() => subgraph.queries() === 2, 'the subgraph holds two calls');
    subgraph.release();
    await answers;
  });

  it('never shares a mutation', async () => {
    const token = await tokenOf(Role.ADMIN);
    const answers = await Promise.all([1, 2, 3].map(() => post(url, token, { query: 'mutation { touch }' })));
    expect(subgraph.calls.map((call) => call.operation)).toEqual(['mutation', 'mutation', 'mutation']);
    // Three executions, three different answers.
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(3);
    expect(answers.map((answer) => answer.statements)).toEqual(['1', '1', '1']);
  });

  it('does not answer a read that arrives after a write with an execution that began before it', async () => {
    const token = await tokenOf(Role.ADMIN);
    const before = post(url, token, CADRES);
    await until(() => subgraph.queries() === 1, 'the subgraph holds the first read');
    await post(url, token, { query: 'mutation { touch }' });
    const after = post(url, token, CADRES);
    await until(() => subgraph.queries() === 2, 'the later read has a call of its own');
    subgraph.release();
    await Promise.all([before, after]);
  });
});

describe('SHARE_IDENTICAL_OPERATIONS=off', () => {
  it('executes every request', async () => {
    const subgraph = await heldSubgraph();
    servers.push(subgraph.server);
    const url = await startGateway(subgraph.url, {
      SHARE_IDENTICAL_OPERATIONS: 'off',
      COALESCE_SUBGRAPH_QUERIES: 'off',
    });
    const token = await tokenOf(Role.ADMIN);
    const answers = Promise.all([post(url, token, CADRES), post(url, token, CADRES)]);
    await until(() => subgraph.queries() === 2, 'the subgraph holds two calls');
    subgraph.release();
    expect((await answers).map((answer) => answer.statements)).toEqual(['1', '1']);
  });
});
