/**
 * The second comparison: Hive Gateway (The Guild's federation gateway) with default settings, on
 * the same supergraph and subgraphs as ours, served by Node's own HTTP server as its documentation
 * shows for the programmatic runtime. The only additions are the subgraph URLs the bench started
 * and the signed identity header, added through Hive's documented header hook
 * (`propagateHeaders.fromClientToSubgraphs`, called before each subgraph fetch) and signed per
 * fetch like the stock gateway does. WORKERS processes, as for every gateway of the bench.
 */
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { createServer } from 'node:http';
import { IDENTITY_HEADER, readSupergraph, serveInWorkers, signBenchIdentity, subgraphUrls } from './gateway-process';

serveInWorkers(async () => {
  const supergraph = readSupergraph();
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    transportEntries: Object.fromEntries(Object.entries(subgraphUrls()).map(([name, location]) => [name, { location }])),
    propagateHeaders: {
      fromClientToSubgraphs: async () => ({ [IDENTITY_HEADER]: await signBenchIdentity('bench-hive-gateway') }),
    },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
  return {
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
});
