import { buildGraphiqlAssets, GRAPHIQL_ASSETS_DIR } from './graphiql-assets';

/** Run by the gateway's build: hashes, compresses and writes GraphiQL's assets into dist/graphiql. */
const started = Date.now();
const manifest = buildGraphiqlAssets();
process.stdout.write(
  `GraphiQL assets: ${Object.keys(manifest.files).length} files in ${GRAPHIQL_ASSETS_DIR} (${Date.now() - started} ms)\n`,
);
