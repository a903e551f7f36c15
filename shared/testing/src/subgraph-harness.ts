import { createLogger, DEV_INTERNAL_SIGNING_SECRET, Role, signedSubgraphHeaders, type Identity } from '@cadres/core';
import { createSubgraph, DEFAULT_PREPARED_STATEMENTS, referenceCache, type RunningSubgraph, type SubgraphDefinition } from '@cadres/subgraph-kit';
import { postGraphQL, type GraphQLResult } from './graphql-client';

export interface SubgraphHarness<Repositories> {
  url: string;
  subgraph: RunningSubgraph<Repositories>;
  /** As an ADMIN unless another identity is given; the identity is signed as the gateway would. */
  query<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResult<Data>>;
  /**
   * Waits until the subgraph's in-memory reference tables reflect every write made so far, then
   * reads them once, so that statement counts measure the steady state (no first load, no reload).
   */
  warmReferences(query: string, variables?: Record<string, unknown>): Promise<void>;
  /**
   * Warms the reference tables with `warm`, then runs `measure`; again, up to three times, while
   * `steady` says no: other test files write reference rows into the same database at the same
   * time, and the change notice can reload a table between two measured queries. A real N+1 shows
   * on every attempt, so it still fails the test.
   */
  measureSteady<T>(warm: { query: string; variables?: Record<string, unknown> }, measure: () => Promise<T>, steady: (measured: T) => boolean): Promise<T>;
  /**
   * The N+1 check: runs `query` for a few items (10) and for many (100), `variables(n)` saying
   * which n, after warming with 1, until both cost the same SQL statements, or `statements` when
   * given (a reload in both would make them equal too; see measureSteady).
   */
  measureFewAndMany<Data>(query: string, variables: (n: number) => Record<string, unknown>, statements?: number): Promise<{ few: GraphQLResult<Data>; many: GraphQLResult<Data> }>;
  stop(): Promise<void>;
}

export const TEST_ADMIN: Identity = { subject: 'test-admin', role: Role.ADMIN, agency: null, scopes: [], units: null };

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides a database.');
  return url;
}

/**
 * Starts one subgraph in this process on the test database (migrations applied, no demo data) and
 * serves it over real HTTP on a free port.
 */
export async function startSubgraphHarness<R, L>(
  definition: SubgraphDefinition<R, L>,
  extraEnv: Record<string, unknown> = {},
): Promise<SubgraphHarness<R>> {
  const subgraph = await createSubgraph(
    definition,
    { DATABASE_URL: testDatabaseUrl(), DATABASE_POOL_SIZE: 5, DATABASE_PREPARED_STATEMENTS: DEFAULT_PREPARED_STATEMENTS, MIGRATE_ON_START: true, SEED_DEMO_DATA: false, INTERNAL_SIGNING_SECRET: DEV_INTERNAL_SIGNING_SECRET, ...extraEnv },
    createLogger(definition.name, process.env.TEST_LOG_LEVEL ?? 'silent'),
  );
  const { port } = await subgraph.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const query: SubgraphHarness<R>['query'] = async (text, variables, identity = TEST_ADMIN) => {
    const sign = await signedSubgraphHeaders(DEV_INTERNAL_SIGNING_SECRET, identity, definition.name, url);
    return postGraphQL(url, text, variables, sign);
  };
  const warmReferences = async (text: string, variables?: Record<string, unknown>) => {
    await referenceCache(subgraph.dataSource).settled();
    await query(text, variables);
  };
  const measureSteady: SubgraphHarness<R>['measureSteady'] = async (warm, measure, steady) => {
    let measured = await warmReferences(warm.query, warm.variables).then(measure);
    for (let attempt = 1; attempt < 3 && !steady(measured); attempt++) measured = await warmReferences(warm.query, warm.variables).then(measure);
    return measured;
  };
  return {
    url,
    subgraph,
    query,
    warmReferences,
    measureSteady,
    measureFewAndMany: <Data>(text: string, variables: (n: number) => Record<string, unknown>, statements?: number) =>
      measureSteady(
        { query: text, variables: variables(1) },
        async () => ({ few: await query<Data>(text, variables(10)), many: await query<Data>(text, variables(100)) }),
        ({ few, many }) => few.sqlStatements === many.sqlStatements && (statements === undefined || many.sqlStatements === statements),
      ),
    stop: () => subgraph.stop(),
  };
}

/** Builds `_entities` representations for `ids`. */
export function representations(typename: string, ids: readonly string[]): { __typename: string; id: string }[] {
  return ids.map((id) => ({ __typename: typename, id }));
}
