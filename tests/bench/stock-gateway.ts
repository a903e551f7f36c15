/**
 * The baseline for the benchmarks: stock @apollo/gateway with default settings, on the same
 * supergraph and subgraphs as ours. The only addition is the signed identity header, without which
 * the subgraphs refuse every request (see signBenchIdentity). WORKERS processes, as for every
 * gateway of the bench.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { IDENTITY_HEADER, readSupergraph, serveInWorkers, signBenchIdentity, subgraphUrls } from './gateway-process';

serveInWorkers(async () => {
  const urls = subgraphUrls();
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: urls[name] ?? url,
        async willSendRequest({ request }) {
          request.http?.headers.set(IDENTITY_HEADER, await signBenchIdentity('bench-stock-gateway'));
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
  return server;
});
