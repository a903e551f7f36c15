/**
 * The baseline for the benchmarks: stock @apollo/gateway with default settings, on the same
 * supergraph and subgraphs as ours. The only additions are the signed identity header and the
 * request's signature, without which the subgraphs refuse every request (see signedCallHeaders),
 * added by a wrapper around the data source's own (default) fetcher, where the body is final.
 * WORKERS processes, as for every gateway of the bench.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readSupergraph, serveInWorkers, signBenchIdentity, signedCallHeaders, subgraphUrls } from './gateway-process';

serveInWorkers(async () => {
  const urls = subgraphUrls();
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) => {
      const source = new RemoteGraphQLDataSource({ url: urls[name] ?? url });
      const stockFetcher = source.fetcher;
      source.fetcher = async (target, init = {}) => {
        const headers = signedCallHeaders(
          await signBenchIdentity('bench-stock-gateway'),
          name,
          target,
          String(init.body ?? ''),
          init.headers,
        );
        return stockFetcher(target, { ...init, headers });
      };
      return source;
    },
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
  return server;
});
