import { must, type Identity } from '@cadres/core';
import type { GraphQLResult } from './graphql-client';

/** What a subgraph's import mutation answers (the kit's ImportBatchResult). */
export interface ImportBatchShape {
  dryRun: boolean;
  committed: boolean;
  alreadyImported: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: {
    row: number;
    field: string | null;
    code: string;
    reason: string | null;
    message: string;
    suggestion: string | null;
  }[];
}

interface Queries {
  query<Data>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResult<Data>>;
}

/** The import mutation's document: `importCareerEvents(input: ImportCareerEventsInput!)` and so on. */
export function importMutation(field: string, inputType: string): string {
  return `mutation ($input: ${inputType}!) {
  ${field}(input: $input) { dryRun committed alreadyImported created updated unchanged problems { row field code reason message suggestion } }
}`;
}

/** Sends one batch of rows to a subgraph's import mutation (as `identity`, ADMIN by default); a GraphQL error throws. */
export async function importBatch(
  harness: Queries,
  field: string,
  inputType: string,
  rows: Record<string, unknown>[],
  dryRun = false,
  identity?: Identity,
): Promise<ImportBatchShape> {
  const result = await harness.query<Record<string, ImportBatchShape>>(
    importMutation(field, inputType),
    { input: { rows, dryRun } },
    identity,
  );
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return must(result.body.data?.[field], `${field} answered`);
}

/** "row:field:reason" of each problem, sorted: what a test compares. */
export const problemKeys = (result: ImportBatchShape): string[] =>
  result.problems.map((p) => `${p.row}:${p.field}:${p.reason}`).sort();
