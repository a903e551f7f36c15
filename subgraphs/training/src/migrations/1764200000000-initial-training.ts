import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialTraining1764200000000 implements MigrationInterface {
  name = 'InitialTraining1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training.programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CONSTRAINT programme_code_unique UNIQUE,
        name varchar(200) NOT NULL,
        category varchar(32) NOT NULL CONSTRAINT programme_category_known CHECK (category IN (
          'POLITICAL_THEORY', 'STATE_MANAGEMENT', 'DEFENCE_SECURITY', 'GRADE_COURSE', 'LEADERSHIP',
          'COMMUNE_TITLES', 'OFFICE_CULTURE_ETHICS', 'ADMINISTRATIVE_REFORM', 'PEOPLES_COUNCIL_DELEGATES',
          'SECTOR_REFRESHER', 'POSTGRADUATE'))
      )`);
    await db.query(`
      CREATE TABLE training.provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CONSTRAINT provider_code_unique UNIQUE,
        name varchar(200) NOT NULL,
        country char(2) NOT NULL CONSTRAINT provider_country_format CHECK (country ~ '^[A-Z]{2}$')
      )`);
    await db.query(`
      CREATE TABLE training.training_class (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(48) NOT NULL CONSTRAINT training_class_code_unique UNIQUE,
        programme_id uuid NOT NULL REFERENCES training.programme (id),
        provider_id uuid NOT NULL REFERENCES training.provider (id),
        mode varchar(24) NOT NULL
          CONSTRAINT training_class_mode_known CHECK (mode IN ('CONCENTRATED', 'NON_CONCENTRATED', 'COMPLETION', 'ONLINE')),
        place varchar(200) NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        max_size integer NOT NULL CONSTRAINT training_class_max_size_positive CHECK (max_size > 0),
        CONSTRAINT training_class_dates_ordered CHECK (end_date >= start_date)
      )`);
    await db.query(`CREATE INDEX training_class_programme_idx ON training.training_class (programme_id)`);
    await db.query(`
      CREATE TABLE training.enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL,
        class_id uuid NOT NULL REFERENCES training.training_class (id),
        status varchar(16) NOT NULL CONSTRAINT enrollment_status_known CHECK (status IN (
          'NOMINATED', 'ADMITTED', 'STUDYING', 'COMPLETED', 'NOT_COMPLETED', 'DEFERRED', 'WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enrollment_once_per_class UNIQUE (cadre_id, class_id)
      )`);
    // trainingHistory loads by cadre; class rosters load by class.
    await db.query(`CREATE INDEX enrollment_cadre_idx ON training.enrollment (cadre_id)`);
    await db.query(`CREATE INDEX enrollment_class_idx ON training.enrollment (class_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training.enrollment`);
    await db.query(`DROP TABLE training.training_class`);
    await db.query(`DROP TABLE training.provider`);
    await db.query(`DROP TABLE training.programme`);
  }
}
