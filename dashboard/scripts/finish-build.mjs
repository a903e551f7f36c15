// After `vite build`: the gateway's part of the build output.
// 1. dist/persisted-queries.json: SHA-256 → query text of every operation (from the committed codegen
//    manifest), which the gateway registers as automatic persisted queries at start.
// 2. A brotli (quality 11) and a gzip (level 9) copy beside each script and stylesheet: compressed
//    once here, so the gateway spends no CPU on them per request (as for GraphiQL's assets).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'src', 'gql', 'persisted-documents.json'), 'utf8'),
);
const queries = Object.fromEntries(
  Object.entries(manifest).map(([hash, query]) => [hash.replace(/^sha256:/, ''), query]),
);
writeFileSync(join(dist, 'persisted-queries.json'), `${JSON.stringify(queries, null, 2)}\n`);

const assets = join(dist, 'assets');
for (const file of readdirSync(assets)) {
  if (!/\.(js|css|svg)$/.test(file)) continue;
  const body = readFileSync(join(assets, file));
  writeFileSync(
    join(assets, `${file}.br`),
    brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(join(assets, `${file}.gz`), gzipSync(body, { level: 9 }));
}
