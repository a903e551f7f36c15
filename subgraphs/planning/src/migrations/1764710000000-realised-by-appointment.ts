import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, item 3: an entry is realised by an appointment in the cadre's career (personnel's
 * assignment to the planned title), not by saying so. The entry keeps which assignment realised it,
 * from when, and the decision that recorded it. NOT VALID: entries realised before keep what they
 * had; every entry realised from now on names its appointment.
 */
export class RealisedByAppointment1764710000000 implements MigrationInterface {
  name = 'RealisedByAppointment1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE planning.planning_entry
        ADD COLUMN realised_assignment_id uuid,
        ADD COLUMN realised_on date,
        ADD COLUMN realised_decision_number varchar(64)`);
    await db.query(
      `COMMENT ON COLUMN planning.planning_entry.realised_assignment_id IS 'The personnel Assignment (appointment to the planned title) that realised the entry.'`,
    );
    await db.query(`
      ALTER TABLE planning.planning_entry
        ADD CONSTRAINT planning_entry_realised_by_appointment CHECK (
          status <> 'REALISED' OR (realised_assignment_id IS NOT NULL AND realised_on IS NOT NULL)) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE planning.planning_entry
        DROP CONSTRAINT planning_entry_realised_by_appointment,
        DROP COLUMN realised_assignment_id, DROP COLUMN realised_on, DROP COLUMN realised_decision_number`);
  }
}
