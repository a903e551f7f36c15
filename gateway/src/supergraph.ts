import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { SUBGRAPHS } from '@cadres/core';

const REPO_ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

/** The subgraphs in the supergraph, with the URL baked into it (the gateway overrides it from env). */
export const SUPERGRAPH_SUBGRAPHS = SUBGRAPHS.map(({ name, directory, port }) => ({ name, directory, url: `http://127.0.0.1:${port}/graphql` }));

/** Composes the committed subgraph schemas; throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUPERGRAPH_SUBGRAPHS.map(({ name, directory, url }) => ({
      name,
      url,
      typeDefs: parse(readFileSync(join(REPO_ROOT, directory, 'schema.graphql'), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

export function writeSupergraph(): void {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
}

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
