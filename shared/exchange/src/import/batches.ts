import type { ImportValue, ValidatedRow } from '../validate';

/**
 * The gateway refuses a request body over REQUEST_SIZE_LIMIT (100 kB by default: 102,400 bytes as
 * body-parser counts them) before anything runs, so a batch is cut by its size in bytes as well as
 * by its number of rows.
 */
export const GATEWAY_REQUEST_LIMIT_BYTES = 100 * 1024;

/**
 * The rows' share of a request: the limit less 4 KB for the query text and the input's other
 * fields (under 600 bytes today), so a batch's request never reaches the limit.
 */
export const DEFAULT_BATCH_BYTES = GATEWAY_REQUEST_LIMIT_BYTES - 4 * 1024;

/**
 * At most this many rows a batch (the subgraph takes up to 1,000). Measured: a generated cadre row
 * is 430 bytes of JSON and a demo province's exported row about 600 (Vietnamese letters are 2–3
 * bytes in UTF-8; a row with every text at its longest, 3.5 kB), so the byte budget, 96 kB, is what
 * cuts a batch in practice: about 220 generated rows, 160 exported ones, 27 of the longest.
 */
export const DEFAULT_BATCH_SIZE = 1000;

/** A row as a batch request carries it: its number in the file and its values by column key. */
export function requestRow(row: ValidatedRow): { row: number } & Record<string, ImportValue> {
  return { row: row.row, ...row.values };
}

/** Bytes a row adds to a request's JSON (UTF-8), its separating comma included. */
export function requestRowBytes(row: ValidatedRow): number {
  return Buffer.byteLength(JSON.stringify(requestRow(row))) + 1;
}

export interface BatchLimits {
  /** Rows a batch holds at most. */
  rows: number;
  /** Bytes its rows take at most in the request's JSON (a single larger row goes alone, and the gateway refuses it). */
  bytes: number;
}

/**
 * Cuts the rows into batches in file order, each within both limits. The cut depends only on the
 * rows and the limits, so a second run of the same file finds the same batches (resuming goes by
 * batch index).
 */
export async function* batchesOf(
  rows: AsyncIterable<ValidatedRow>,
  limits: BatchLimits,
): AsyncGenerator<ValidatedRow[]> {
  let batch: ValidatedRow[] = [];
  let bytes = 0;
  for await (const row of rows) {
    if (!Object.keys(row.values).length) continue; // a header-level report (unknown columns), not data
    const size = requestRowBytes(row);
    if (batch.length && (batch.length === limits.rows || bytes + size > limits.bytes)) {
      yield batch;
      [batch, bytes] = [[], 0];
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length) yield batch;
}
