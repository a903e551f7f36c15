import { createAuditTables } from '@cadres/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only audit of partner reads of sensitive fields and of every mutation (issue 6). */
export class Audit1764400000000 implements MigrationInterface {
  name = 'Audit1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await createAuditTables(db, 'personnel', { reads: true, mutations: true });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE personnel.read_audit`);
    await db.query(`DROP TABLE personnel.mutation_audit`);
    await db.query(`DROP FUNCTION personnel.refuse_audit_change()`);
  }
}
