import { subgraphService, type Identity, type SubgraphName } from '@cadres/core';
import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { startSubgraphProcess, type ServiceProcess } from './service-process';
import { startSubgraphHarness, testDatabaseUrl, type SubgraphHarness } from './subgraph-harness';

export interface SubgraphFixtureOptions {
  /**
   * Subgraphs the one under test calls over HTTP (as in production), each run as a real process on
   * the file's database; its URL reaches the subgraph under test in its usual variable (PERSONNEL_URL…).
   */
  peers?: readonly SubgraphName[];
  /** More environment for the subgraph under test. */
  env?: Record<string, unknown>;
}

/**
 * The integration test file's subgraph: started in beforeAll (peers first), stopped in afterAll
 * (peers last). The harness it returns can be used from any test or hook of the file; used
 * outside them it says so instead of failing on `undefined`.
 */
export function useSubgraphHarness<R, L>(
  definition: SubgraphDefinition<R, L>,
  options: SubgraphFixtureOptions = {},
): SubgraphHarness<R> {
  let started: SubgraphHarness<R> | null = null;
  const peers: ServiceProcess[] = [];

  beforeAll(async () => {
    const peerUrls: Record<string, string> = {};
    for (const name of options.peers ?? []) {
      const peer = await startSubgraphProcess(name, { DATABASE_URL: testDatabaseUrl() });
      peers.push(peer);
      peerUrls[subgraphService(name).urlVariable] = peer.url;
    }
    started = await startSubgraphHarness(definition, { ...peerUrls, ...options.env });
  }, 60_000);

  afterAll(async () => {
    await started?.stop();
    started = null;
    await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  }, 60_000);

  const current = (): SubgraphHarness<R> => {
    if (!started)
      throw new Error(
        `the ${definition.name} harness is used outside the file's tests and hooks (it starts in beforeAll)`,
      );
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get subgraph() {
      return current().subgraph;
    },
    query<Data>(query: string, variables?: Record<string, unknown>, identity?: Identity) {
      return current().query<Data>(query, variables, identity);
    },
    warmReferences: (query, variables) => current().warmReferences(query, variables),
    measureFewAndMany<Data>(query: string, variables: (n: number) => Record<string, unknown>) {
      return current().measureFewAndMany<Data>(query, variables);
    },
    stop: () => current().stop(),
  };
}
