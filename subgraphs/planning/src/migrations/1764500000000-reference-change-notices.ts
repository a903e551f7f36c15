import { dropNotifyOnChange, notifyOnChange } from '@cadres/subgraph-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const REFERENCE_TABLES = ['term', 'development_need'];

/** The reference tables (terms and development needs) announce their changes, so each process may hold them in memory (issue 7). */
export class ReferenceChangeNotices1764500000000 implements MigrationInterface {
  name = 'ReferenceChangeNotices1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await notifyOnChange(db, 'planning', REFERENCE_TABLES);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropNotifyOnChange(db, 'planning', REFERENCE_TABLES);
  }
}
