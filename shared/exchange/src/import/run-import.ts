import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { KINDS, type ImportKindName, type KindDefinition } from '../columns';
import {
  DEFAULT_READ_LIMITS,
  openSpreadsheet,
  type CsvEncoding,
  type FileFormat,
  type RawRow,
  type ReadLimits,
} from '../read';
import { problem, PROBLEM_MESSAGES, validateRows, type RowProblem, type ValidatedRow } from '../validate';
import { OTHER_KIND_APIS } from './batch-mutation-api';
import { cadreImportApi, type KindApi, type ServerProblem } from './cadre-import-api';
import { batchesOf, DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, type BatchLimits } from './batches';
import type { GatewayClient } from './gateway-client';

/** Each kind's batch import mutation, in the subgraph that owns its records. */
export const KIND_APIS: Partial<Record<ImportKindName, KindApi>> = { cadres: cadreImportApi, ...OTHER_KIND_APIS };

export interface ImportProgress {
  phase: 'validating' | 'importing';
  rows: number;
  totalRows?: number;
}

export interface ImportOptions {
  kind: ImportKindName;
  path: string;
  client: GatewayClient;
  dryRun: boolean;
  /** Rows a batch holds at most (DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Bytes a batch's rows take at most in its request (DEFAULT_BATCH_BYTES: within the gateway's REQUEST_SIZE_LIMIT). */
  batchBytes?: number;
  limits?: ReadLimits;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  kind: ImportKindName;
  dryRun: boolean;
  format: FileFormat;
  encoding?: CsvEncoding;
  fileHash: string;
  rows: number;
  /** Every problem, errors and warnings, in row order. */
  problems: RowProblem[];
  errors: number;
  warnings: number;
  /** True once every batch is in (a dry run commits nothing). */
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  batches: number;
  /** Batches committed by an earlier, interrupted run of the same file, not sent again. */
  resumedBatches: number;
  seconds: number;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A subgraph's problem as the report's: the column's header, and both languages where the code is known. */
function fromServer(kind: KindDefinition, found: ServerProblem): RowProblem {
  const code = found.reason ?? found.code;
  const column = kind.columns.find((c) => c.key === found.field);
  const known = PROBLEM_MESSAGES[code];
  return {
    ...problem(
      found.row,
      found.field,
      column?.header ?? null,
      code,
      found.suggestion ? { suggestion: found.suggestion } : {},
      found.message,
    ),
    // The API's message names the specific value (e.g. the unknown code); keep it when no translation says more.
    ...(known ? {} : { messageVi: found.message, messageEn: found.message }),
  };
}

/**
 * Imports (or dry-runs) a spreadsheet. Pass 1 streams the file through the local checks; in a dry
 * run it also sends each batch to the subgraph's import mutation with dryRun, so the API's own
 * validators and rules report too: every problem of the file at once, nothing written. An import
 * goes on only when pass 1 found no error: pass 2 streams the file again and commits batch by batch
 * (one transaction each, all its rows or none), skipping the batches an interrupted run already
 * committed (recorded by file hash in the subgraph). A batch the subgraph refuses stops the import
 * there, with its problems reported; the batches before it stay, and a corrected file run again
 * finds their rows unchanged.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const kind = KINDS[options.kind];
  const api = KIND_APIS[options.kind];
  const batchLimits: BatchLimits = {
    rows: options.batchSize ?? DEFAULT_BATCH_SIZE,
    bytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
  };
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const fileHash = await sha256Of(options.path);
  const first = await openSpreadsheet(options.path, limits);
  const report: ImportReport = {
    kind: options.kind,
    dryRun: options.dryRun,
    format: first.format,
    ...(first.encoding ? { encoding: first.encoding } : {}),
    fileHash,
    rows: 0,
    problems: [],
    errors: 0,
    warnings: 0,
    committed: false,
    created: 0,
    updated: 0,
    unchanged: 0,
    batches: 0,
    resumedBatches: 0,
    seconds: 0,
  };
  const finish = () => {
    report.problems.sort((a, b) => a.row - b.row);
    report.errors = report.problems.filter((p) => p.severity === 'ERROR').length;
    report.warnings = report.problems.length - report.errors;
    report.seconds = (performance.now() - started) / 1000;
    return report;
  };

  // Pass 1: every problem, local and the API's, without writing.
  for await (const batch of batchesOf(validateWithHeaderProblems(kind, first.rows, report), batchLimits)) {
    report.rows += batch.length;
    report.batches++;
    for (const row of batch) report.problems.push(...row.problems);
    const clean = batch.filter((row) => row.problems.every((p) => p.severity !== 'ERROR'));
    // The subgraph's own checks run in the dry run; an import meets them batch by batch in pass 2,
    // which refuses a batch with any problem (running every write twice would double the time).
    if (api && clean.length && options.dryRun) {
      const outcome = await api.sendBatch(options.client, { rows: clean, dryRun: true });
      report.problems.push(...outcome.problems.map((p) => fromServer(kind, p)));
      report.created += outcome.created;
      report.updated += outcome.updated;
      report.unchanged += outcome.unchanged;
    }
    options.onProgress?.({ phase: 'validating', rows: report.rows });
  }
  if (options.dryRun || !api || report.problems.some((p) => p.severity === 'ERROR')) return finish();

  // Pass 2: commit, batch by batch, from where an earlier run stopped.
  const done = new Set(await api.committedBatches(options.client, fileHash));
  const second = await openSpreadsheet(options.path, limits);
  let index = 0;
  let imported = 0;
  for await (const batch of batchesOf(validateRows(kind, second.rows), batchLimits)) {
    const batchIndex = index++;
    imported += batch.length;
    if (done.has(batchIndex)) {
      report.resumedBatches++;
    } else {
      const outcome = await api.sendBatch(options.client, { rows: batch, dryRun: false, fileHash, batchIndex });
      if (outcome.alreadyImported) report.resumedBatches++;
      report.created += outcome.created;
      report.updated += outcome.updated;
      report.unchanged += outcome.unchanged;
      if (!outcome.committed && !outcome.alreadyImported) {
        // The API refused a row (a rule, a conflict): this batch and the rest stay out.
        report.problems.push(...outcome.problems.map((p) => fromServer(kind, p)));
        return finish();
      }
    }
    options.onProgress?.({ phase: 'importing', rows: imported, totalRows: report.rows });
  }
  report.committed = true;
  return finish();
}

/** validateRows, with the header's own report (unknown columns) kept in the file's problems. */
async function* validateWithHeaderProblems(
  kind: KindDefinition,
  rows: AsyncIterable<RawRow>,
  report: ImportReport,
): AsyncGenerator<ValidatedRow> {
  for await (const row of validateRows(kind, rows)) {
    if (!Object.keys(row.values).length && row.problems.length) report.problems.push(...row.problems);
    else yield row;
  }
}
