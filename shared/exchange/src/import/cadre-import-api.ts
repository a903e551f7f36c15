import type { ImportValue } from '../validate';
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
  rows: { row: number; values: Record<string, ImportValue> }[];
  dryRun: boolean;
  fileHash?: string;
  batchIndex?: number;
}

/** The owning subgraph's batch mutation for a kind, reached through the gateway. */
export interface KindApi {
  sendBatch(client: GatewayClient, batch: BatchRequest): Promise<BatchOutcome>;
  committedBatches(client: GatewayClient, fileHash: string): Promise<number[]>;
}

export const cadreImportApi: KindApi = {
  async sendBatch(client, batch) {
    const rows = batch.rows.map(({ row, values }) => ({ row, ...values }));
    const data = await client.request<{ importCadres: BatchOutcome }>(IMPORT_CADRES, {
      input: { rows, dryRun: batch.dryRun, fileHash: batch.fileHash ?? null, batchIndex: batch.batchIndex ?? null },
    });
    return data.importCadres;
  },
  async committedBatches(client, fileHash) {
    return (await client.request<{ cadreImportProgress: number[] }>(PROGRESS, { fileHash })).cadreImportProgress;
  },
};
