import type { DataSource, EntityManager } from 'typeorm';

export interface ImportBatchRecord {
  kind: string;
  fileHash: string;
  batchIndex: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  importedBy: string;
  requestId: string | null;
}

/**
 * personnel.import_batch: which batches of which file have been committed. Written in the batch's
 * own transaction, so a batch and its record commit together: after an interruption the record says
 * exactly where to resume, and a batch sent twice is refused by the primary key.
 */
export class ImportBatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** import-batch.isCommitted */
  async isCommitted(manager: EntityManager, kind: string, fileHash: string, batchIndex: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `/* import-batch.isCommitted */ SELECT 1 FROM import_batch WHERE kind = $1 AND file_hash = $2 AND batch_index = $3`,
      [kind, fileHash, batchIndex],
    );
    return rows.length > 0;
  }

  /** import-batch.record */
  async record(manager: EntityManager, batch: ImportBatchRecord): Promise<void> {
    await manager.query(
      `/* import-batch.record */ INSERT INTO import_batch (kind, file_hash, batch_index, row_count, created, updated, unchanged, imported_by, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        batch.kind,
        batch.fileHash,
        batch.batchIndex,
        batch.rows,
        batch.created,
        batch.updated,
        batch.unchanged,
        batch.importedBy,
        batch.requestId,
      ],
    );
  }

  /** import-batch.committedIndexes: the batches of a file already in, for the client to skip. */
  async committedIndexes(kind: string, fileHash: string): Promise<number[]> {
    const rows: { batch_index: number }[] = await this.dataSource.query(
      `/* import-batch.committedIndexes */ SELECT batch_index FROM import_batch WHERE kind = $1 AND file_hash = $2 ORDER BY batch_index`,
      [kind, fileHash],
    );
    return rows.map((r) => r.batch_index);
  }
}
