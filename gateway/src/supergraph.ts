import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAbstractType, parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPHS } from '@cadres/core';

const REPO_ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');
/**
 * Every union and interface of the API with the object types it stands for, as Apollo Client's
 * `possibleTypes` (and urql graphcache's) want it: generated with the supergraph and committed, so
 * that client authors import a file that is always the schema's (CI fails on a stale one).
 */
export const POSSIBLE_TYPES_PATH = join(__dirname, '..', 'possible-types.json');

/** The subgraphs in the supergraph, with the URL baked into it (the gateway overrides it from env). */
export const SUPERGRAPH_SUBGRAPHS = SUBGRAPHS.map(({ name, directory, port }) => ({
  name,
  directory,
  url: `http://127.0.0.1:${port}/graphql`,
}));

export interface Composition {
  supergraphSdl: string;
  /** The schema clients see (no join__ or link__ machinery). */
  apiSchema: GraphQLSchema;
}

/** Composes the committed subgraph schemas; throws with every composition error. */
export function compose(): Composition {
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
  return { supergraphSdl: result.supergraphSdl, apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

/** `possibleTypes` of the API schema, sorted, as the committed JSON file holds it. */
export function possibleTypesJson(apiSchema: GraphQLSchema): string {
  const possibleTypes: Record<string, string[]> = {};
  for (const type of Object.values(apiSchema.getTypeMap())) {
    if (type.name.startsWith('__') || !isAbstractType(type)) continue;
    possibleTypes[type.name] = apiSchema
      .getPossibleTypes(type)
      .map((member) => member.name)
      .sort();
  }
  const sorted = Object.fromEntries(Object.entries(possibleTypes).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Writes the supergraph and the clients' possible-types file it implies. */
export function writeSupergraph(): void {
  const { supergraphSdl, apiSchema } = compose();
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  writeFileSync(POSSIBLE_TYPES_PATH, possibleTypesJson(apiSchema));
}

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

export function readPossibleTypes(): string {
  return readFileSync(POSSIBLE_TYPES_PATH, 'utf8');
}
