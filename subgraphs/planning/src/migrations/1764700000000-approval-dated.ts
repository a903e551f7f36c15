import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, item 8: whether a cadre is "in the planning" on a day is judged by the date of the
 * decision that approved the entry (`added_on`), so an approved or realised entry must carry it.
 * NOT VALID: new and changed rows are checked; rows written before keep what they had (an
 * approval without a date simply never counts as planning on any day).
 */
export class ApprovalDated1764700000000 implements MigrationInterface {
  name = 'ApprovalDated1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE planning.planning_entry
        ADD CONSTRAINT planning_entry_approval_dated CHECK (status NOT IN ('APPROVED', 'REALISED') OR added_on IS NOT NULL) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE planning.planning_entry DROP CONSTRAINT planning_entry_approval_dated`);
  }
}
