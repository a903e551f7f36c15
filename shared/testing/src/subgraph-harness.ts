import { createLogger, DEV_INTERNAL_SIGNING_SECRET, Role, signedSubgraphHeaders, type Identity } from '@cadres/core';
import {
  createSubgraph,
  DEFAULT_PREPARED_STATEMENTS,
  referenceCache,
  type RunningSubgraph,
  type SubgraphDefinition,
} from '@cadres/subgraph-kit';
import { postGraphQL, type GraphQLResult } from './graphql-client';

export interface SubgraphHarness<Repositories> {
  url: string;
  subgraph: RunningSubgraph<Repositories>;
  /** As an ADMIN unless another identity is given; the identity is signed as the gateway would. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: Identity,
  ): Promise<GraphQLResult<Data>>;
  /**
   * Waits until the subgraph's in-memory reference tables reflect every write made so far, then
   * reads them once, so that statement counts measure the steady state (no first load, no reload).
   */
  warmReferences(query: string, variables?: Record<string, unknown>): Promise<void>;
  /**
   * The N+1 check: runs `query` for a few items (10) and for many (100), `variables(n)` saying
   * which n, after warming the reference tables with 1. The test file has a database of its own
   * (file-database.ts), so no other file's write can reload a table between the two: one
   * measurement, compared exactly.
   */
  measureFewAndMany<Data>(
    query: string,
    variables: (n: number) => Record<string, unknown>,
  ): Promise<{ few: GraphQLResult<Data>; many: GraphQLResult<Data> }>;
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
    {
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_POOL_SIZE: 5,
      DATABASE_PREPARED_STATEMENTS: DEFAULT_PREPARED_STATEMENTS,
      MIGRATE_ON_START: true,
      SEED_DEMO_DATA: false,
      INTERNAL_SIGNING_SECRET: DEV_INTERNAL_SIGNING_SECRET,
      ...extraEnv,
    },
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
  return {
    url,
    subgraph,
    query,
    warmReferences,
    async measureFewAndMany<Data>(text: string, variables: (n: number) => Record<string, unknown>) {
      await warmReferences(text, variables(1));
      return { few: await query<Data>(text, variables(10)), many: await query<Data>(text, variables(100)) };
    },
    stop: () => subgraph.stop(),
  };
}

/** Builds `_entities` representations for `ids`. */
export function representations(typename: string, ids: readonly string[]): { __typename: string; id: string }[] {
  return ids.map((id) => ({ __typename: typename, id }));
}
