import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19: the committed batches of each imported file, for resuming without duplicates. */
export class ImportBatch1764800000000 implements MigrationInterface {
  name = 'ImportBatch1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE personnel.import_batch (
        kind varchar(32) NOT NULL,
        file_hash char(64) NOT NULL CONSTRAINT import_batch_hash_hex CHECK (file_hash ~ '^[0-9a-f]{64}$'),
        batch_index integer NOT NULL CONSTRAINT import_batch_index_natural CHECK (batch_index >= 0),
        row_count integer NOT NULL CHECK (row_count >= 0),
        created integer NOT NULL CHECK (created >= 0),
        updated integer NOT NULL CHECK (updated >= 0),
        unchanged integer NOT NULL CHECK (unchanged >= 0),
        imported_by varchar NOT NULL,
        request_id varchar,
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT import_batch_once PRIMARY KEY (kind, file_hash, batch_index)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE personnel.import_batch`);
  }
}
