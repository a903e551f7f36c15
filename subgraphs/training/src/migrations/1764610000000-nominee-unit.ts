import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each enrollment keeps the unit its cadre belonged to when nominated (issue 12): training knows
 * cadres only by id, and its statistics must be computed over the caller's units in one SQL
 * statement, so the unit that sent a trainee is stored with the nomination, as the eligibility
 * snapshot is. Rows made before this are filled from personnel at start (`fillNomineeUnits`);
 * until then they count for ADMIN alone.
 */
export class NomineeUnit1764610000000 implements MigrationInterface {
  name = 'NomineeUnit1764610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE training.enrollment ADD COLUMN org_unit_id uuid`);
    await db.query(
      `COMMENT ON COLUMN training.enrollment.org_unit_id IS 'The personnel OrgUnit of the cadre when nominated (the unit that sent them).'`,
    );
    await db.query(`CREATE INDEX enrollment_org_unit_idx ON training.enrollment (org_unit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE training.enrollment DROP COLUMN org_unit_id`);
  }
}
