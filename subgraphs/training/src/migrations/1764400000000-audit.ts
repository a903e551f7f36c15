import { createAuditTables } from '@cadres/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only audit of every mutation (issue 6). */
export class Audit1764400000000 implements MigrationInterface {
  name = 'Audit1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await createAuditTables(db, 'training', { reads: false, mutations: true });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training.mutation_audit`);
    await db.query(`DROP FUNCTION training.refuse_audit_change()`);
  }
}
