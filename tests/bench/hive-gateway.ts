/**
 * The second comparison: Hive Gateway (The Guild's federation gateway) with default settings, on
 * the same supergraph and subgraphs as ours, served by Node's own HTTP server as its documentation
 * shows for the programmatic runtime. The only additions are the subgraph URLs the bench started
 * and the signed identity header with the request's signature, added in Hive's documented fetch
 * hook (a plugin's `onFetch`, called before each subgraph fetch with its final body) and signed per
 * fetch like the stock gateway does. WORKERS processes, as for every gateway of the bench.
 *
 * RUST_QUERY_PLANNER=1: the same gateway with Hive Router's query planner (a Rust native addon)
 * and its executor, `@graphql-hive/router-runtime`'s `unifiedGraphHandler`, as Hive's documentation
 * enables it in a config file (the CLI's `--hive-router-runtime` does the same); loaded only then,
 * so that the default target does not carry the addon.
 */
import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway';
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
  const rustPlanner = process.env.RUST_QUERY_PLANNER === '1';
  // The package's CommonJS and ES module typings of fusion-runtime differ in name only (one module
  // at run time), which TypeScript cannot tell: hence the cast.
  const unifiedGraphHandler = rustPlanner
    ? ((await import('@graphql-hive/router-runtime'))
        .unifiedGraphHandler as unknown as GatewayConfigSupergraph['unifiedGraphHandler'])
    : undefined;
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    ...(unifiedGraphHandler && { unifiedGraphHandler }),
    transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    plugins: () => [
      {
        async onFetch(payload) {
          const { url, options } = payload;
          const headers = Object.fromEntries(new Headers(options.headers as HeadersInit | undefined));
          const identity = await signBenchIdentity(rustPlanner ? 'bench-hive-rust-planner' : 'bench-hive-gateway');
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
