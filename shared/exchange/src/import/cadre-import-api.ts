import type { ValidatedRow } from '../validate';
import { requestRow } from './batches';
import type { GatewayClient } from './gateway-client';

const IMPORT_CADRES = `mutation ImportCadres($input: ImportCadresInput!) {
  importCadres(input: $input) { dryRun committed alreadyImported created updated unchanged problems { row field code reason message suggestion } }
}`;

const PROGRESS = `query CadreImportProgress($fileHash: String!) { cadreImportProgress(fileHash: $fileHash) }`;

export interface ServerProblem {
  row: number;
  field: string | null;
  code: string;
  reason: string | null;
  message: string;
  suggestion: string | null;
}

export interface BatchOutcome {
  committed: boolean;
  alreadyImported: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: ServerProblem[];
}

export interface BatchRequest {
  rows: ValidatedRow[];
  dryRun: boolean;
  fileHash?: string;
  batchIndex?: number;
}

/** The owning subgraph's batch mutation for a kind, reached through the gateway. */
export interface KindApi {
  sendBatch(client: GatewayClient, batch: BatchRequest): Promise<BatchOutcome>;
  committedBatches(client: GatewayClient, fileHash: string): Promise<number[]>;
}

/** A batch as the request's GraphQL operation and variables. */
export function importCadresRequest(batch: BatchRequest): { query: string; variables: Record<string, unknown> } {
  return {
    query: IMPORT_CADRES,
    variables: {
      input: {
        rows: batch.rows.map(requestRow),
        dryRun: batch.dryRun,
        fileHash: batch.fileHash ?? null,
        batchIndex: batch.batchIndex ?? null,
      },
    },
  };
}

export const cadreImportApi: KindApi = {
  async sendBatch(client, batch) {
    const { query, variables } = importCadresRequest(batch);
    return (await client.request<{ importCadres: BatchOutcome }>(query, variables)).importCadres;
  },
  async committedBatches(client, fileHash) {
    return (await client.request<{ cadreImportProgress: number[] }>(PROGRESS, { fileHash })).cadreImportProgress;
  },
};
