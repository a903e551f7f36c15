import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The public benchmark's supergraph, its subgraphs moved from `http://0.0.0.0:4200` to `origin`. */
export const publicSupergraph = (origin: string): string =>
  readFileSync(join(__dirname, '..', '..', '..', 'bench', 'gateway-only', 'supergraph.graphql'), 'utf8').replaceAll(
    'http://0.0.0.0:4200',
    origin,
  );
