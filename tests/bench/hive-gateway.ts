/**
 * The second comparison: Hive Gateway (The Guild's federation gateway) with default settings, on
 * the same supergraph and subgraphs as ours, served by Node's own HTTP server as its documentation
 * shows for the programmatic runtime. The only additions are the subgraph URLs the bench started
 * and the signed identity header with the request's signature, added in Hive's documented fetch
 * hook (a plugin's `onFetch`, called before each subgraph fetch with its final body) and signed per
 * fetch like the stock gateway does. WORKERS processes, as for every gateway of the bench.
 */
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { createServer } from 'node:http';
import {
  audiencesByUrl,
  readSupergraph,
  serveInWorkers,
  signBenchIdentity,
  signedCallHeaders,
  subgraphUrls,
} from './gateway-process';

serveInWorkers(async () => {
  const supergraph = readSupergraph();
  const urls = subgraphUrls();
  const audiences = audiencesByUrl(urls);
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    plugins: () => [
      {
        async onFetch(payload) {
          const { url, options } = payload;
          const headers = Object.fromEntries(new Headers(options.headers as HeadersInit | undefined));
          const identity = await signBenchIdentity('bench-hive-gateway');
          payload.setOptions({
            ...options,
            headers: signedCallHeaders(
              identity,
              audiences[url] ?? '',
              url,
              typeof options.body === 'string' ? options.body : '',
              headers,
            ),
          });
        },
      },
    ],
  });
  // The runtime answers every request itself, errors included: nothing is left to await here.
  const server = createServer((req, res) => void runtime(req, res));
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
  return {
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
});
