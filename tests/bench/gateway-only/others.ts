/**
 * The other gateways on the public workload, each as the public benchmark runs it
 * (graphql-hive/graphql-gateways-benchmark, gateways/*): GATEWAY=stock, @apollo/gateway with
 * default settings in Apollo Server's standalone server; GATEWAY=hive, Hive Gateway with
 * `inboundInflightRequestDeduplication` (its config there); GATEWAY=hive-rust, the same with Hive
 * Router's query planner (`@graphql-hive/router-runtime`). No identity, no signing: the static
 * subgraphs ask for none. WORKERS processes, as for every gateway of the run.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway';
import { createServer } from 'node:http';
import { serveInWorkers } from '../gateway-process';
import { publicSupergraph } from './supergraph';

const port = Number(process.env.PORT);

serveInWorkers(async () => {
  const supergraph = publicSupergraph(process.env.SUBGRAPHS_ORIGIN!);
  if (process.env.GATEWAY === 'stock') {
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: supergraph }) });
    await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
    return server;
  }
  // See hive-gateway.ts for the cast: one module at run time, two typings.
  const unifiedGraphHandler =
    process.env.GATEWAY === 'hive-rust'
      ? ((await import('@graphql-hive/router-runtime'))
          .unifiedGraphHandler as unknown as GatewayConfigSupergraph['unifiedGraphHandler'])
      : undefined;
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    inboundInflightRequestDeduplication: true,
    ...(unifiedGraphHandler && { unifiedGraphHandler }),
  });
  const server = createServer((req, res) => void runtime(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
});
