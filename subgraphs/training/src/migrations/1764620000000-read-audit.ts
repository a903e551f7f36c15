import { createAuditTables } from '@cadres/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only audit of partner reads (issue 12): an enrollment's eligibility snapshot reveals a
 * cadre's Party and evaluation record, so a partner's read of it is recorded like personnel's.
 */
export class ReadAudit1764620000000 implements MigrationInterface {
  name = 'ReadAudit1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await createAuditTables(db, 'training', { reads: true, mutations: false });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training.read_audit`);
  }
}
