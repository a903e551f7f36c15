import {
  DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
  demoKeys,
  DEV_INTERNAL_SIGNING_SECRET,
  IDENTITY_HEADER,
  must,
  REQUEST_SIGNATURE_HEADER,
  Role,
  Scope,
  signedSubgraphHeaders,
  signIdentity,
  signRequest,
} from '@cadres/core';
import { postGraphQL } from '@cadres/testing';
import { getIntrospectionQuery } from 'graphql';
import { SignJWT } from 'jose';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, startService, stopChild, waitForHealth, withClient } from '@cadres/platform';
import { logsCaughtUp } from '../support/logs';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { waitFor } from '../support/wait';

// The platform runs in production mode here, with real (random) keys: what a deployment does.
const AUTH_SECRET = randomBytes(32).toString('hex');
const SIGNING_SECRET = randomBytes(32).toString('hex');
/**
 * The subgraphs' default request-signature lifetime, which this run keeps: a shorter one would make
 * the replay test wait less, but on a loaded machine a legitimate call can take seconds to be read.
 */
const REQUEST_SIGNATURE_MAX_AGE_MS = DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS;
const BTC = demoKeys.orgUnitId('DB-BTC');
const IN_SCOPE = demoKeys.cadreId(1);
let outOfScope: string;
let platform: E2EPlatform;

beforeAll(async () => {
  platform = await startE2EPlatform({
    authSecret: AUTH_SECRET,
    env: {
      NODE_ENV: 'production',
      AUTH_HS256_SECRET: AUTH_SECRET,
      INTERNAL_SIGNING_SECRET: SIGNING_SECRET,
      MAX_COST: '2000',
      MAX_DEPTH: '10',
      MAX_ALIASES: '10',
      MAX_TOKENS: '2000',
      REQUEST_SIZE_LIMIT: '20kb',
      RATE_LIMIT_PER_MINUTE: '400',
      CORS_ORIGINS: 'https://dashboard.example.vn',
    },
  });
  // A cadre outside the Organisation Board's subtree who is in the planning, so every field has data.
  const sample = await platform.query<{
    cadres: { edges: { node: { id: string; orgUnit: { id: string }; planningHistory: unknown[] } }[] };
  }>(
    `{ cadres(first: 60, filter: { category: ELECTED_CADRE }) { edges { node { id orgUnit { id } planningHistory { id } } } } }`,
  );
  outOfScope = sample.body.data!.cadres.edges.find(
    ({ node }) => node.orgUnit.id !== BTC && node.planningHistory.length > 0,
  )!.node.id;
}, 120_000);

afterAll(() => platform?.stop());

const bearer = (role: Role, scopes: string[] = [], org = [BTC]) =>
  token(
    {
      role,
      org: role === Role.ADMIN ? [] : org,
      scopes,
      agency: role === Role.PARTNER ? 'Sở Nội vụ tỉnh Lai Châu' : undefined,
    },
    AUTH_SECRET,
  );

const FIELDS = `query ($id: ID!) {
  cadre(id: $id) {
    fullName
    personalIdNumber
    familyMembers { relation }
    evaluations { year }
    trainingHistory { status }
    planningHistory { standardsGap { meetsStandard } }
  }
}`;

type Outcome = 'data' | 'forbidden' | 'no row';

/** What each caller gets, field by field: data, null with FORBIDDEN, or no row at all. */
const MATRIX: [string, () => Promise<string>, 'in' | 'out', Record<string, Outcome>][] = [
  [
    'ADMIN',
    () => bearer(Role.ADMIN),
    'in',
    {
      fullName: 'data',
      personalIdNumber: 'data',
      familyMembers: 'data',
      evaluations: 'data',
      trainingHistory: 'data',
      standardsGap: 'data',
    },
  ],
  [
    'ADMIN',
    () => bearer(Role.ADMIN),
    'out',
    {
      fullName: 'data',
      personalIdNumber: 'data',
      familyMembers: 'data',
      evaluations: 'data',
      trainingHistory: 'data',
      standardsGap: 'data',
    },
  ],
  [
    'ORGANIZER',
    () => bearer(Role.ORGANIZER),
    'in',
    {
      fullName: 'data',
      personalIdNumber: 'data',
      familyMembers: 'data',
      evaluations: 'data',
      trainingHistory: 'data',
      standardsGap: 'data',
    },
  ],
  ['ORGANIZER', () => bearer(Role.ORGANIZER), 'out', { cadre: 'no row' }],
  [
    'VIEWER',
    () => bearer(Role.VIEWER),
    'in',
    {
      fullName: 'data',
      personalIdNumber: 'forbidden',
      familyMembers: 'forbidden',
      evaluations: 'forbidden',
      trainingHistory: 'data',
      standardsGap: 'forbidden',
    },
  ],
  ['VIEWER', () => bearer(Role.VIEWER), 'out', { cadre: 'no row' }],
  [
    'PARTNER granted pii:read',
    () => bearer(Role.PARTNER, [Scope.PERSONAL_ID]),
    'in',
    {
      fullName: 'data',
      personalIdNumber: 'data',
      familyMembers: 'forbidden',
      evaluations: 'forbidden',
      trainingHistory: 'data',
      standardsGap: 'forbidden',
    },
  ],
  [
    'PARTNER granted standards:read',
    () => bearer(Role.PARTNER, [Scope.STANDARDS_GAP]),
    'in',
    {
      fullName: 'data',
      personalIdNumber: 'forbidden',
      familyMembers: 'forbidden',
      evaluations: 'forbidden',
      trainingHistory: 'data',
      standardsGap: 'data',
    },
  ],
  ['PARTNER granted pii:read', () => bearer(Role.PARTNER, [Scope.PERSONAL_ID]), 'out', { cadre: 'no row' }],
];

describe('who reads what: role × field × scope', () => {
  it.each(MATRIX)('%s, %s-of-scope cadre', async (_who, tokenFor, scope, expected) => {
    const result = await platform.query<{ cadre: Record<string, unknown> | null }>(
      FIELDS,
      { id: scope === 'in' ? IN_SCOPE : outOfScope },
      await tokenFor(),
    );
    const errors = result.body.errors ?? [];
    const errorAt = (path: string) => errors.find((e) => (e.path ?? []).join('.').includes(path))?.extensions?.code;
    if (expected.cadre === 'no row') {
      expect(result.body.data?.cadre).toBeNull();
      expect(errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      return;
    }
    const cadre = result.body.data!.cadre!;
    const valueOf = (field: string): unknown =>
      field === 'standardsGap' ? (cadre.planningHistory as { standardsGap: unknown }[])[0]?.standardsGap : cadre[field];
    for (const [field, outcome] of Object.entries(expected)) {
      if (outcome === 'data') {
        expect({ field, value: valueOf(field) }).toEqual({ field, value: expect.anything() });
        expect({ field, error: errorAt(field) }).toEqual({ field, error: undefined });
      } else {
        expect({ field, value: valueOf(field) ?? null }).toEqual({ field, value: null });
        expect({ field, error: errorAt(field) }).toEqual({ field, error: 'FORBIDDEN' });
      }
    }
  });

  it('lists only the cadres of the caller’s subtrees, and hides Party membership filters from those without party:read', async () => {
    const count = async (role: Role, filter: Record<string, unknown>) =>
      (
        await platform.query<{ cadres: { totalCount: number } }>(
          `query ($f: CadreFilter) { cadres(filter: $f, first: 1) { totalCount } }`,
          { f: filter },
          await bearer(role),
        )
      ).body;
    expect((await count(Role.ADMIN, {})).data?.cadres.totalCount).toBe(demoKeys.cadreCount);
    const organizer = (await count(Role.ORGANIZER, {})).data!.cadres.totalCount;
    expect(organizer).toBeGreaterThan(0);
    expect(organizer).toBeLessThan(demoKeys.cadreCount);
    expect(
      (await count(Role.ORGANIZER, { orgUnitSubtree: demoKeys.orgUnitId('DB-SYT') })).data?.cadres.totalCount,
    ).toBe(0);
    expect((await count(Role.VIEWER, { partyMember: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps VIEWER and PARTNER from writing, and ORGANIZER to their subtree', async () => {
    const decision = `mutation { createDecision(input: { number: "${randomUUID()}", signedOn: "2026-01-05", effectiveOn: "2026-01-05", signingAuthority: "UBND", legalBasis: "Thử", subject: "Thử" }) { decision { id } } }`;
    for (const role of [Role.VIEWER, Role.PARTNER]) {
      expect((await platform.query(decision, {}, await bearer(role))).body.errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await platform.query(decision, {}, await bearer(Role.ORGANIZER))).body.errors).toBeUndefined();
    const update = `mutation ($id: ID!) { updateCadre(id: $id, input: { hometown: "Mường Phăng" }) { errors { code } } }`;
    expect(
      (await platform.query(update, { id: outOfScope }, await bearer(Role.ORGANIZER))).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect((await platform.query(update, { id: IN_SCOPE }, await bearer(Role.ORGANIZER))).body.data).toEqual({
      updateCadre: { errors: [] },
    });
  });

  it('keeps statistics from partner agencies and scopes them for the others', async () => {
    const statistics = `{ quotaFulfilment(year: 2021) { quota } }`;
    expect(
      (await platform.query(statistics, {}, await bearer(Role.PARTNER, [Scope.PERSONAL_ID]))).body.errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await platform.query<{ quotaFulfilment: unknown[] }>(statistics, {}, await bearer(Role.VIEWER))).body.data
        ?.quotaFulfilment.length,
    ).toBeGreaterThan(0);
    // Planning counts the titles of the caller's units and the province's own, not other units'.
    const totals = async (role: Role) =>
      (
        await platform.query<{ planningTermTotals: { entries: number }[] }>(
          `{ planningTermTotals { entries } }`,
          {},
          await bearer(role),
        )
      ).body.data!.planningTermTotals.reduce((sum, t) => sum + t.entries, 0);
    const [all, organisationBoard] = [await totals(Role.ADMIN), await totals(Role.VIEWER)];
    expect(all).toBe(447);
    expect(organisationBoard).toBeGreaterThan(0);
    expect(organisationBoard).toBeLessThan(all);
  });
});

describe('organisation scopes', () => {
  it('scopes a subtree of over a thousand units, as high in the tree as the province itself', async () => {
    // The generated province has 1,209 units, the national sample 40,009: their ids once travelled
    // in the signed identity header, which subgraphs then refused as too large (HTTP 431).
    const roots = await platform.query<{ orgUnits: { id: string }[] }>(`{ orgUnits { id } }`);
    expect(roots.body.data!.orgUnits).toHaveLength(1);
    const province = must(roots.body.data!.orgUnits[0], 'the province, first of the units').id;
    await withClient(platform.databaseUrl, (client) =>
      client.query(
        `INSERT INTO personnel.org_unit (code, name, level, parent_id, valid_from)
         SELECT 'E2E-TEAM-' || n, 'Tổ công tác ' || n, 'COMMUNE', $1, DATE '2025-07-01' FROM generate_series(1, 1200) AS n`,
        [province],
      ),
    );
    const viewer = await token({ role: Role.VIEWER, org: [province] }, AUTH_SECRET);
    const result = await platform.query<{
      cadres: { totalCount: number };
      planningTermTotals: { entries: number }[];
      quotaFulfilment: unknown[];
    }>(
      `{ cadres(first: 3) { totalCount edges { node { trainingHistory { status } planningHistory { status } } } } planningTermTotals { entries } quotaFulfilment(year: 2021) { quota } }`,
      {},
      viewer,
    );
    expect(result.body.errors).toBeUndefined();
    // Personnel, training and planning each expanded the province into its whole tree.
    expect(result.body.data!.cadres.totalCount).toBe(demoKeys.cadreCount);
    expect(result.body.data!.planningTermTotals.reduce((sum, t) => sum + t.entries, 0)).toBe(447);
    expect(result.body.data!.quotaFulfilment.length).toBeGreaterThan(0);
    // And a scope of one of the new, empty units sees no cadre: roots are expanded, not waved through.
    const team = await withClient(
      platform.databaseUrl,
      async (client) =>
        must(
          (await client.query<{ id: string }>(`SELECT id FROM personnel.org_unit WHERE code = 'E2E-TEAM-1'`)).rows[0],
          'the team made above',
        ).id,
    );
    const teamViewer = await token({ role: Role.VIEWER, org: [team] }, AUTH_SECRET);
    expect(
      (await platform.query<{ cadres: { totalCount: number } }>(`{ cadres(first: 1) { totalCount } }`, {}, teamViewer))
        .body.data!.cadres.totalCount,
    ).toBe(0);
  });
});

describe('authentication at the gateway', () => {
  it.each([
    ['no token', undefined],
    ['a token signed with another key', 'forged'],
    ['an expired token', 'expired'],
    ['garbage', 'garbage'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_case, kind) => {
    const headers: Record<string, string> = {};
    if (kind === 'forged')
      headers.authorization = `Bearer ${await token({ role: Role.ADMIN }, randomBytes(32).toString('hex'))}`;
    if (kind === 'expired')
      headers.authorization = `Bearer ${await token({ role: Role.ADMIN, expiresIn: -60 }, AUTH_SECRET)}`;
    if (kind === 'garbage') headers.authorization = 'Bearer not.a.jwt';
    const result = await postGraphQL(platform.graphqlUrl, '{ titles { name } }', {}, headers);
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still answers the health check without a token', async () => {
    expect((await fetch(`${platform.gatewayUrl}/health`)).status).toBe(200);
  });
});

describe('no way around the gateway', () => {
  const personnelUrl = () => `http://127.0.0.1:${platform.ports.personnel}/graphql`;
  const direct = (query: string, headers: Record<string, string> | ((body: string) => Record<string, string>) = {}) =>
    postGraphQL(personnelUrl(), query, { refs: [{ __typename: 'Cadre', id: IN_SCOPE }] }, headers);
  const admin = { subject: 'intruder', role: Role.ADMIN, agency: null, scopes: [], units: null };
  /** The headers of a request to personnel signed with `secret`, its identity token made by `token`. */
  const signedWith = (secret: string, token: string) => (body: string) => {
    const headers: Record<string, string> = { [IDENTITY_HEADER]: token };
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(secret, {
      audience: 'personnel',
      method: 'POST',
      path: '/graphql',
      headers,
      body,
    });
    return headers;
  };

  it.each([
    ['a query', '{ cadres(first: 1) { totalCount } }'],
    [
      '_entities',
      'query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Cadre { personalIdNumber } } }',
    ],
    ['_service', '{ _service { sdl } }'],
  ])('refuses %s without a signed identity', async (_case, query) => {
    const result = await direct(query);
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses identities forged with another key, the development key, expired, or without exp; and a valid identity without a signature of the request', async () => {
    const other = randomBytes(32).toString('hex');
    const noExp = await new SignJWT({ role: Role.ADMIN, agency: null, scopes: [], units: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuer('cadres-gateway')
      .setAudience('cadres-subgraphs')
      .setIssuedAt()
      .sign(new TextEncoder().encode(SIGNING_SECRET));
    const bare = await signIdentity(admin, SIGNING_SECRET);
    const refused: ((body: string) => Record<string, string>)[] = [
      await signedSubgraphHeaders(other, admin, 'personnel', personnelUrl()),
      await signedSubgraphHeaders(DEV_INTERNAL_SIGNING_SECRET, admin, 'personnel', personnelUrl()),
      signedWith(SIGNING_SECRET, await signIdentity(admin, SIGNING_SECRET, -30)),
      signedWith(SIGNING_SECRET, noExp),
      // The identity header alone, as it could once be captured and reused for a minute.
      () => ({ [IDENTITY_HEADER]: bare }),
      // Signed for another subgraph.
      await signedSubgraphHeaders(SIGNING_SECRET, admin, 'training', personnelUrl()),
    ];
    for (const [i, headers] of refused.entries()) {
      const result = await direct('{ _service { sdl } }', headers);
      expect({ i, status: result.status, code: result.body.errors?.[0]?.extensions?.code }).toEqual({
        i,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    // The same request signed with the deployment's key passes: the check is the signature.
    expect(
      (
        await direct(
          '{ _service { sdl } }',
          await signedSubgraphHeaders(SIGNING_SECRET, admin, 'personnel', personnelUrl()),
        )
      ).status,
    ).toBe(200);
  });
});

describe('a captured subgraph call cannot be replayed or rewritten', () => {
  /** What the gateway sent training: captured by a proxy the gateway takes for training. */
  interface Captured {
    path: string;
    headers: Record<string, string>;
    body: string;
  }
  const captured: Captured[] = [];
  let proxy: Server;
  let gateway: ChildProcess;
  let gatewayUrl: string;
  const trainingUrl = () => `http://127.0.0.1:${platform.ports.training}`;

  beforeAll(async () => {
    // A proxy in front of the real training subgraph that records each GraphQL call it forwards.
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.method === 'POST')
          captured.push({
            path: req.url!,
            headers: { ...(req.headers as Record<string, string>) },
            body: body.toString('utf8'),
          });
        const forward = httpRequest(
          `${trainingUrl()}${req.url}`,
          { method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => res.destroy());
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    // A second gateway, configured like the first, that calls training through the proxy.
    const port = await freePort();
    const logs: string[] = [];
    gateway = startService(
      'gateway/dist/index.js',
      {
        ...process.env,
        NODE_ENV: 'production',
        AUTH_HS256_SECRET: AUTH_SECRET,
        INTERNAL_SIGNING_SECRET: SIGNING_SECRET,
        GRAPHIQL: 'false',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        PERSONNEL_URL: `http://127.0.0.1:${platform.ports.personnel}/graphql`,
        TRAINING_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
        PLANNING_URL: `http://127.0.0.1:${platform.ports.planning}/graphql`,
      },
      'pipe',
      logs,
    );
    await waitForHealth(`http://127.0.0.1:${port}/health`, gateway, Date.now() + 60_000);
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  }, 90_000);

  afterAll(async () => {
    if (gateway) await stopChild(gateway);
    proxy?.close();
  });

  /** Sends a captured call to the real training subgraph again, its body as given. */
  const replay = (call: Captured, body = call.body) => {
    const { host: _host, 'content-length': _length, ...headers } = call.headers;
    return postRaw(`${trainingUrl()}${call.path}`, headers, body);
  };

  /** An organizer's dossier through the second gateway; the `_entities` call it made to training. */
  async function captureEntitiesCall(): Promise<Captured> {
    captured.length = 0;
    const organizer = await token({ role: Role.ORGANIZER, org: [BTC], sub: `organizer-${randomUUID()}` }, AUTH_SECRET);
    const result = await postGraphQL<{ cadre: { trainingHistory: unknown[] } }>(
      gatewayUrl,
      `query ($id: ID!) { cadre(id: $id) { fullName trainingHistory { status } } }`,
      { id: IN_SCOPE },
      { authorization: `Bearer ${organizer}` },
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.cadre.trainingHistory.length).toBeGreaterThan(0);
    const call = captured.find((c) => c.body.includes('_entities'));
    expect(call?.headers[REQUEST_SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=/);
    return call!;
  }

  it('accepts the call replayed unchanged within its lifetime (the positive control)', async () => {
    const call = await captureEntitiesCall();
    const answer = await replay(call);
    expect(answer.status).toBe(200);
    expect(
      (answer.body as { data: { _entities: { trainingHistory: unknown[] }[] } }).data._entities[0]?.trainingHistory
        .length,
    ).toBeGreaterThan(0);
  });

  it('refuses it with another body: another cadre, claiming a unit in the caller’s scope', async () => {
    const call = await captureEntitiesCall();
    // The attack of issue 12: an out-of-scope cadre presented as one of the caller's units.
    const rewritten = call.body.replace(IN_SCOPE, outOfScope);
    expect(rewritten).not.toBe(call.body);
    const answer = await replay(call, rewritten);
    expect([
      answer.status,
      (answer.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code,
    ]).toEqual([401, 'UNAUTHENTICATED']);
    expect(answer.text).not.toContain(outOfScope);
    // One space more, the same JSON once parsed: refused too, the signature is over the bytes.
    expect((await replay(call, `${call.body} `)).status).toBe(401);
  });

  it('refuses it, unchanged, once its lifetime is over', async () => {
    const call = await captureEntitiesCall();
    const signedAt = Number(/^t=(\d+),/.exec(must(call.headers[REQUEST_SIGNATURE_HEADER], 'the call is signed'))?.[1]);
    // Wait on the clock itself until the signature is past its lifetime (10 s).
    await waitFor(
      'the signature to outlive its lifetime',
      () => Date.now() > signedAt + REQUEST_SIGNATURE_MAX_AGE_MS + 50,
    );
    const answer = await replay(call);
    expect([
      answer.status,
      (answer.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code,
    ]).toEqual([401, 'UNAUTHENTICATED']);
  }, 45_000);
});

async function postRaw(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, text };
}

describe('operation limits, before any subgraph is called', () => {
  async function refusedBeforeSubgraphs(query: string, code: string, variables: Record<string, unknown> = {}) {
    const requestId = `limit-${randomUUID()}`;
    // 400 with application/graphql-response+json (with application/json a refusal answers 200).
    const result = await platform.query(query, variables, undefined, {
      'x-request-id': requestId,
      accept: 'application/graphql-response+json',
    });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
    await logsCaughtUp(platform);
    const subgraphLines = platform.logs.filter(
      (line) => line.includes(requestId) && !line.includes('"service":"gateway"'),
    );
    expect(subgraphLines).toEqual([]);
  }

  it('refuses an over-deep operation', async () => {
    await refusedBeforeSubgraphs(
      `{ orgUnits { children { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } } }`,
      'OPERATION_TOO_DEEP',
    );
  });

  it('refuses an alias-heavy operation', async () => {
    await refusedBeforeSubgraphs(
      `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: titles { name }`).join(' ')} }`,
      'TOO_MANY_ALIASES',
    );
  });

  it('refuses an over-cost operation, counting page sizes given in variables', async () => {
    await refusedBeforeSubgraphs(
      `query ($n: Int!) { cadres(first: $n) { edges { node { fullName careerHistory { __typename } trainingHistory { status programme { name } } planningHistory { status } } } } }`,
      'OPERATION_TOO_COSTLY',
      { n: 200 },
    );
  });

  it('refuses an operation of too many tokens', async () => {
    await refusedBeforeSubgraphs(`{ titles { ${'name '.repeat(2100)} } }`, 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses a request body over the size limit', async () => {
    const result = await platform.query(`{ titles { name } }`, { padding: 'x'.repeat(30_000) });
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('hygiene in production', () => {
  it('gives every authenticated role the schema (the standard introspection query), nobody without a token, and no field suggestions', async () => {
    // What GraphiQL's docs and graphql-codegen send, under this run's low operation limits.
    const standard = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    for (const caller of [
      await bearer(Role.ADMIN),
      await bearer(Role.ORGANIZER),
      await bearer(Role.VIEWER),
      await bearer(Role.PARTNER),
    ]) {
      const result = await platform.query<{ __schema: { types: { name: string }[] } }>(standard, {}, caller);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data!.__schema.types.map((t) => t.name)).toEqual(
        expect.arrayContaining(['Cadre', 'PlanningEntry', 'Enrollment']),
      );
    }
    const anonymous = await postGraphQL(platform.graphqlUrl, standard);
    expect([anonymous.status, anonymous.body.errors?.[0]?.extensions?.code, anonymous.body.data]).toEqual([
      401,
      'UNAUTHENTICATED',
      undefined,
    ]);
    const typo = await platform.query(`{ titls { name } }`);
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('refuses cross-site requests without a preflight-forcing header (CSRF)', async () => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${await bearer(Role.ADMIN)}` },
      body: '{"query":"{ titles { name } }"}',
    });
    expect(response.status).toBe(400);
  });

  it('answers CORS preflights for the allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(platform.graphqlUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://dashboard.example.vn');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.vn');
    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('audit', () => {
  it('records a partner’s read of sensitive fields: who, when, which cadres, which fields', async () => {
    const partner = await token(
      {
        role: Role.PARTNER,
        org: [BTC],
        scopes: [Scope.PERSONAL_ID, Scope.STANDARDS_GAP],
        agency: 'Thanh tra Chính phủ',
        sub: `partner-${randomUUID()}`,
      },
      AUTH_SECRET,
    );
    await platform.query(
      `query ($id: ID!) { cadre(id: $id) { fullName personalIdNumber planningHistory { standardsGap { meetsStandard } } } }`,
      { id: IN_SCOPE },
      partner,
    );
    const audit = await platform.query<{
      personnelReadAudit: { actor: string; agency: string; cadreIds: string[]; fields: string[] }[];
      planningReadAudit: { agency: string; fields: string[] }[];
    }>(
      `{ personnelReadAudit(first: 20) { actor agency cadreIds fields at } planningReadAudit(first: 20) { agency fields } }`,
    );
    const entry = audit.body.data!.personnelReadAudit.find((e) => e.agency === 'Thanh tra Chính phủ');
    expect(entry).toMatchObject({ cadreIds: [IN_SCOPE], fields: ['Cadre.personalIdNumber'] });
    expect(audit.body.data!.planningReadAudit.find((e) => e.agency === 'Thanh tra Chính phủ')?.fields).toEqual([
      'PlanningEntry.standardsGap',
    ]);
    // Only ADMIN reads the audit.
    expect(
      (await platform.query(`{ personnelReadAudit { actor } }`, {}, partner)).body.errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('records every mutation with its author', async () => {
    const organizer = await token({ role: Role.ORGANIZER, org: [BTC], sub: `organizer-${randomUUID()}` }, AUTH_SECRET);
    await platform.query(
      `mutation Renew { createDecision(input: { number: "${randomUUID()}", signedOn: "2026-02-02", effectiveOn: "2026-02-02", signingAuthority: "UBND", legalBasis: "Thử", subject: "Thử" }) { decision { number } } }`,
      {},
      organizer,
    );
    const audit = await platform.query<{
      personnelMutationAudit: { actor: string; role: string; operation: string }[];
    }>(`{ personnelMutationAudit(first: 5) { actor role operation result } }`);
    expect(audit.body.data!.personnelMutationAudit).toContainEqual(
      expect.objectContaining({ role: 'ORGANIZER', operation: 'Renew', actor: expect.stringMatching(/^organizer-/) }),
    );
  });
});

describe('development defaults never reach production', () => {
  it.each(['gateway/dist/index.js', 'subgraphs/personnel/dist/index.js'])(
    '%s refuses to start on the development keys',
    async (entry) => {
      const { spawnSync } = await import('node:child_process');
      const { REPO_ROOT } = await import('@cadres/platform');
      const run = spawnSync(process.execPath, [`${REPO_ROOT}/${entry}`], {
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/none' },
        encoding: 'utf8',
        // A deadline for a hung process, not a speed check: on a loaded machine Node alone takes seconds.
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/INTERNAL_SIGNING_SECRET: is a development default/);
    },
    90_000,
  );
});
