import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPlanning1764200000000 implements MigrationInterface {
  name = 'InitialPlanning1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planning.term (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL CONSTRAINT term_code_unique UNIQUE,
        track varchar(8) NOT NULL CONSTRAINT term_track_known CHECK (track IN ('PARTY', 'STATE')),
        start_year smallint NOT NULL,
        end_year smallint NOT NULL,
        CONSTRAINT term_years_ordered CHECK (end_year > start_year)
      )`);
    await db.query(`
      CREATE TABLE planning.planning_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL,
        title_id uuid NOT NULL,
        term_id uuid NOT NULL REFERENCES planning.term (id),
        status varchar(16) NOT NULL CONSTRAINT planning_entry_status_known CHECK (status IN (
          'PROPOSED', 'APPROVED', 'REALISED', 'REMOVED', 'EXPIRED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT planning_entry_once UNIQUE (cadre_id, title_id, term_id)
      )`);
    // planningHistory loads by cadre; bench-strength statistics group by title and term.
    await db.query(`CREATE INDEX planning_entry_cadre_idx ON planning.planning_entry (cadre_id)`);
    await db.query(`CREATE INDEX planning_entry_title_term_idx ON planning.planning_entry (title_id, term_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE planning.planning_entry`);
    await db.query(`DROP TABLE planning.term`);
  }
}
