import { dropNotifyOnChange, notifyOnChange } from '@cadres/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const REFERENCE_TABLES = ['org_unit', 'title'];

/** The reference tables (org units and titles) announce their changes, so each process may hold them in memory (issue 7). */
export class ReferenceChangeNotices1764500000000 implements MigrationInterface {
  name = 'ReferenceChangeNotices1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await notifyOnChange(db, 'personnel', REFERENCE_TABLES);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropNotifyOnChange(db, 'personnel', REFERENCE_TABLES);
  }
}
