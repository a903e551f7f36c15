import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each planning entry keeps its candidate's unit (issue 12), as it keeps their sex, birth date and
 * ethnicity: planning knows cadres only by id, and whether a caller may see a candidate, in a
 * candidate list or in the statistics, is decided by where the candidate works. It is recorded when
 * the entry is made and refreshed from personnel by every review round; rows older than the column
 * are filled from personnel at start (`fillCandidateUnits`) and until then are seen by ADMIN alone.
 */
export class CandidateUnit1764610000000 implements MigrationInterface {
  name = 'CandidateUnit1764610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE planning.planning_entry ADD COLUMN cadre_org_unit_id uuid`);
    await db.query(
      `COMMENT ON COLUMN planning.planning_entry.cadre_org_unit_id IS 'The personnel OrgUnit of the candidate, as personnel last gave it.'`,
    );
    await db.query(`CREATE INDEX planning_entry_cadre_org_unit_idx ON planning.planning_entry (cadre_org_unit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE planning.planning_entry DROP COLUMN cadre_org_unit_id`);
  }
}
