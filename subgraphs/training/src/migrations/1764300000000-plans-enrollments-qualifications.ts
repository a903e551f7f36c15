import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans and quotas, what programmes grant, provider levels, the enrollment lifecycle with results
 * and eligibility snapshots, the seat guard, qualifications, study commitments and versioned rules.
 */
export class PlansEnrollmentsQualifications1764300000000 implements MigrationInterface {
  name = 'PlansEnrollmentsQualifications1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE training.programme
        ADD COLUMN grants_kind varchar(24) CONSTRAINT programme_grants_kind_known CHECK (grants_kind IN (
          'POLITICAL_THEORY', 'STATE_MANAGEMENT', 'DEFENCE_SECURITY', 'DEGREE', 'CERTIFICATE')),
        ADD COLUMN grants_level varchar(32),
        ADD COLUMN duration_months smallint CONSTRAINT programme_duration_positive CHECK (duration_months > 0),
        ADD CONSTRAINT programme_level_with_kind CHECK (grants_level IS NULL OR grants_kind IS NOT NULL)`);
    await db.query(`
      ALTER TABLE training.provider
        ADD COLUMN level varchar(16) NOT NULL DEFAULT 'PROVINCIAL' CONSTRAINT provider_level_known CHECK (level IN (
          'CENTRAL', 'REGIONAL', 'PROVINCIAL', 'UNIVERSITY', 'FOREIGN'))`);

    await db.query(`
      CREATE TABLE training.training_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CONSTRAINT training_plan_code_unique UNIQUE,
        name varchar(300) NOT NULL,
        year smallint NOT NULL CONSTRAINT training_plan_year_plausible CHECK (year BETWEEN 2000 AND 2100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE training.quota (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES training.training_plan (id),
        programme_id uuid NOT NULL REFERENCES training.programme (id),
        mode varchar(24) NOT NULL CONSTRAINT quota_mode_known CHECK (mode IN ('CONCENTRATED', 'NON_CONCENTRATED', 'COMPLETION', 'ONLINE')),
        org_unit_id uuid,
        quota integer NOT NULL CONSTRAINT quota_positive CHECK (quota > 0),
        CONSTRAINT quota_once UNIQUE NULLS NOT DISTINCT (plan_id, programme_id, mode, org_unit_id)
      )`);
    await db.query(`CREATE INDEX quota_programme_idx ON training.quota (programme_id, mode)`);

    // Seats: a counter kept by a trigger and bounded by a CHECK. The UPDATE takes the class row's
    // lock, so simultaneous admissions queue up and the one that would overflow fails.
    await db.query(`
      ALTER TABLE training.training_class
        ADD COLUMN seats_taken integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT training_class_capacity CHECK (seats_taken BETWEEN 0 AND max_size)`);

    await db.query(`
      ALTER TABLE training.enrollment
        ADD COLUMN quota_id uuid REFERENCES training.quota (id),
        ADD COLUMN nominated_on date NOT NULL DEFAULT CURRENT_DATE,
        ADD COLUMN result_rating varchar(16) CONSTRAINT enrollment_rating_known CHECK (result_rating IN ('EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE')),
        ADD COLUMN certificate_number varchar(64),
        ADD COLUMN eligibility jsonb,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN feedback_score smallint CONSTRAINT enrollment_feedback_score_range CHECK (feedback_score BETWEEN 1 AND 5),
        ADD COLUMN feedback_comment varchar(2000),
        -- Rule 6: feedback only from trainees who attended.
        ADD CONSTRAINT enrollment_feedback_only_attended CHECK (
          feedback_score IS NULL OR status IN ('STUDYING', 'COMPLETED', 'NOT_COMPLETED')),
        ADD CONSTRAINT enrollment_result_only_when_completed CHECK (
          (status = 'COMPLETED') OR (result_rating IS NULL AND certificate_number IS NULL))`);
    await db.query(`CREATE INDEX enrollment_quota_idx ON training.enrollment (quota_id)`);
    await db.query(`
      CREATE FUNCTION training.holds_seat(status varchar) RETURNS boolean LANGUAGE sql IMMUTABLE
        RETURN status IN ('ADMITTED', 'STUDYING', 'COMPLETED', 'NOT_COMPLETED')`);
    await db.query(`
      CREATE FUNCTION training.enrollment_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND training.holds_seat(OLD.status) THEN
          UPDATE training.training_class SET seats_taken = seats_taken - 1 WHERE id = OLD.class_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND training.holds_seat(NEW.status) THEN
          UPDATE training.training_class SET seats_taken = seats_taken + 1 WHERE id = NEW.class_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER enrollment_seats AFTER INSERT OR DELETE OR UPDATE OF status, class_id ON training.enrollment
        FOR EACH ROW EXECUTE FUNCTION training.enrollment_count_seats()`);
    // Rows loaded before this migration take their seats now.
    await db.query(`
      UPDATE training.training_class c SET seats_taken = (
        SELECT count(*) FROM training.enrollment e WHERE e.class_id = c.id AND training.holds_seat(e.status))`);

    await db.query(`
      CREATE TABLE training.qualification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL,
        kind varchar(24) NOT NULL CONSTRAINT qualification_kind_known CHECK (kind IN (
          'POLITICAL_THEORY', 'STATE_MANAGEMENT', 'DEFENCE_SECURITY', 'DEGREE', 'CERTIFICATE')),
        level varchar(32),
        title varchar(300) NOT NULL,
        source varchar(16) NOT NULL CONSTRAINT qualification_source_known CHECK (source IN ('PRIOR', 'TRAINING')),
        -- Completing a class grants its qualification exactly once (rule 6).
        enrollment_id uuid CONSTRAINT qualification_once_per_enrollment UNIQUE REFERENCES training.enrollment (id),
        awarded_on date NOT NULL,
        institution varchar(200),
        certificate_number varchar(64),
        CONSTRAINT qualification_training_has_enrollment CHECK ((source = 'TRAINING') = (enrollment_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX qualification_cadre_idx ON training.qualification (cadre_id)`);

    await db.query(`
      CREATE TABLE training.study_commitment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL CONSTRAINT study_commitment_once UNIQUE REFERENCES training.enrollment (id),
        study_months smallint NOT NULL CONSTRAINT study_commitment_study_positive CHECK (study_months > 0),
        service_months smallint NOT NULL CONSTRAINT study_commitment_service_positive CHECK (service_months > 0),
        study_cost bigint NOT NULL CONSTRAINT study_commitment_cost_positive CHECK (study_cost >= 0),
        broken_on date,
        compensation bigint,
        CONSTRAINT study_commitment_compensation_when_broken CHECK ((broken_on IS NULL) = (compensation IS NULL))
      )`);

    await db.query(`
      CREATE TABLE training.rule_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(64) NOT NULL,
        value jsonb NOT NULL,
        legal_basis varchar(500) NOT NULL,
        effective_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rule_setting_version_unique UNIQUE (key, effective_from)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training.rule_setting`);
    await db.query(`DROP TABLE training.study_commitment`);
    await db.query(`DROP TABLE training.qualification`);
    await db.query(`DROP TRIGGER enrollment_seats ON training.enrollment`);
    await db.query(`DROP FUNCTION training.enrollment_count_seats()`);
    await db.query(`DROP FUNCTION training.holds_seat(varchar)`);
    await db.query(`
      ALTER TABLE training.enrollment DROP COLUMN quota_id, DROP COLUMN nominated_on, DROP COLUMN result_rating,
        DROP COLUMN certificate_number, DROP COLUMN eligibility, DROP COLUMN updated_at,
        DROP COLUMN feedback_score, DROP COLUMN feedback_comment`);
    await db.query(`ALTER TABLE training.training_class DROP COLUMN seats_taken`);
    await db.query(`DROP TABLE training.quota`);
    await db.query(`DROP TABLE training.training_plan`);
    await db.query(`ALTER TABLE training.provider DROP COLUMN level`);
    await db.query(
      `ALTER TABLE training.programme DROP COLUMN grants_kind, DROP COLUMN grants_level, DROP COLUMN duration_months`,
    );
  }
}
