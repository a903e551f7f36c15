import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full cadre record, decisions, the career (assignments, appointments, mobility, evaluations,
 * discipline), versioned rule settings and the append-only change history.
 */
export class CadreRecordAndCareer1764300000000 implements MigrationInterface {
  name = 'CadreRecordAndCareer1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // Extensions are database-wide: a global lock keeps subgraphs migrating at once from racing.
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('cadres-extensions'))`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`);

    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes this
    // wrapper safe to declare IMMUTABLE, which a generated column and an index require.
    await db.query(`
      CREATE FUNCTION personnel.search_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        RETURN lower(public.unaccent('public.unaccent'::regdictionary, value))`);

    // --- organisation -----------------------------------------------------------------------
    // Ancestors and self, root first: subtree filters become one indexed array containment.
    await db.query(`ALTER TABLE personnel.org_unit ADD COLUMN path uuid[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      CREATE FUNCTION personnel.org_unit_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
          RAISE EXCEPTION 'an org unit never moves: end it and create its successor' USING ERRCODE = 'check_violation';
        END IF;
        NEW.path := COALESCE((SELECT path FROM personnel.org_unit WHERE id = NEW.parent_id), '{}') || NEW.id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER org_unit_path BEFORE INSERT OR UPDATE OF parent_id ON personnel.org_unit
        FOR EACH ROW EXECUTE FUNCTION personnel.org_unit_set_path()`);
    await db.query(`
      WITH RECURSIVE tree AS (
        SELECT id, ARRAY[id] AS path FROM personnel.org_unit WHERE parent_id IS NULL
        UNION ALL
        SELECT u.id, tree.path || u.id FROM personnel.org_unit u JOIN tree ON u.parent_id = tree.id
      )
      UPDATE personnel.org_unit SET path = tree.path FROM tree WHERE org_unit.id = tree.id`);
    await db.query(`CREATE INDEX org_unit_path_idx ON personnel.org_unit USING gin (path)`);

    await db.query(`
      ALTER TABLE personnel.title
        ADD COLUMN rank smallint NOT NULL DEFAULT 0,
        ADD COLUMN min_political_theory_level varchar(32)
          CONSTRAINT title_political_theory_known CHECK (min_political_theory_level IN ('ELEMENTARY', 'INTERMEDIATE', 'ADVANCED', 'BACHELOR', 'ADVANCED_POLITICS_ADMIN')),
        ADD COLUMN min_state_management_level varchar(32)
          CONSTRAINT title_state_management_known CHECK (min_state_management_level IN ('SPECIALIST', 'PRINCIPAL_SPECIALIST', 'SENIOR_SPECIALIST')),
        ADD COLUMN min_education varchar(16)
          CONSTRAINT title_education_known CHECK (min_education IN ('COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE')),
        ADD COLUMN min_grade varchar(32)
          CONSTRAINT title_grade_known CHECK (min_grade IN ('SENIOR_SPECIALIST', 'PRINCIPAL_SPECIALIST', 'SPECIALIST', 'OFFICER', 'EMPLOYEE'))`);

    await db.query(`
      CREATE TABLE personnel.decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(64) NOT NULL CONSTRAINT decision_number_unique UNIQUE,
        signed_on date NOT NULL,
        signing_authority varchar(200) NOT NULL,
        legal_basis varchar(500) NOT NULL,
        effective_on date NOT NULL,
        subject varchar(500) NOT NULL,
        cancelled_by_id uuid REFERENCES personnel.decision (id),
        cancelled_at timestamptz,
        cancellation_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT decision_effective_after_signing CHECK (effective_on >= signed_on),
        CONSTRAINT decision_cancellation_complete CHECK ((cancelled_by_id IS NULL) = (cancelled_at IS NULL)),
        CONSTRAINT decision_not_self_cancelled CHECK (cancelled_by_id IS DISTINCT FROM id)
      )`);

    // --- the cadre record ---------------------------------------------------------------------
    await db.query(`
      ALTER TABLE personnel.cadre
        ADD COLUMN other_names varchar(200),
        ADD COLUMN place_of_birth varchar(300),
        ADD COLUMN hometown varchar(300),
        ADD COLUMN religion varchar(64),
        ADD COLUMN grade varchar(32)
          CONSTRAINT cadre_grade_known CHECK (grade IN ('SENIOR_SPECIALIST', 'PRINCIPAL_SPECIALIST', 'SPECIALIST', 'OFFICER', 'EMPLOYEE')),
        ADD COLUMN grade_since date,
        ADD COLUMN party_admission_date date,
        ADD COLUMN party_official_date date,
        ADD COLUMN general_education varchar(16),
        ADD COLUMN phone varchar(32),
        ADD COLUMN email varchar(200),
        ADD COLUMN search_text text GENERATED ALWAYS AS (
          personnel.search_key(full_name || ' ' || coalesce(other_names, ''))) STORED,
        ADD CONSTRAINT cadre_grade_dated CHECK ((grade IS NULL) = (grade_since IS NULL)),
        ADD CONSTRAINT cadre_party_official_after_admission CHECK (party_official_date >= party_admission_date),
        ADD CONSTRAINT cadre_party_official_needs_admission CHECK (party_official_date IS NULL OR party_admission_date IS NOT NULL),
        ADD CONSTRAINT cadre_party_after_birth CHECK (party_admission_date > date_of_birth),
        ADD CONSTRAINT cadre_email_format CHECK (email ~ '^[^@\\s]+@[^@\\s]+$')`);
    await db.query(`CREATE INDEX cadre_search_text_idx ON personnel.cadre USING gin (search_text public.gin_trgm_ops)`);
    await db.query(`CREATE INDEX cadre_ethnicity_name_idx ON personnel.cadre (ethnicity, full_name, id)`);
    await db.query(`CREATE INDEX cadre_date_of_birth_idx ON personnel.cadre (date_of_birth)`);
    await db.query(
      `CREATE INDEX cadre_party_member_idx ON personnel.cadre ((party_admission_date IS NOT NULL), full_name, id)`,
    );

    await db.query(`
      CREATE TABLE personnel.degree (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id) ON DELETE CASCADE,
        level varchar(16) NOT NULL CONSTRAINT degree_level_known CHECK (level IN ('COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE')),
        field varchar(200) NOT NULL,
        institution varchar(200) NOT NULL,
        year smallint NOT NULL CONSTRAINT degree_year_plausible CHECK (year BETWEEN 1950 AND 2100)
      )`);
    await db.query(`CREATE INDEX degree_cadre_idx ON personnel.degree (cadre_id)`);

    await db.query(`
      CREATE TABLE personnel.family_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id) ON DELETE CASCADE,
        relation varchar(16) NOT NULL CONSTRAINT family_relation_known CHECK (relation IN (
          'FATHER', 'MOTHER', 'SPOUSE', 'CHILD', 'SIBLING', 'FATHER_IN_LAW', 'MOTHER_IN_LAW')),
        full_name varchar(200) NOT NULL,
        birth_year smallint CONSTRAINT family_birth_year_plausible CHECK (birth_year BETWEEN 1900 AND 2100),
        occupation varchar(200)
      )`);
    await db.query(`CREATE INDEX family_member_cadre_idx ON personnel.family_member (cadre_id)`);

    // --- career -------------------------------------------------------------------------------
    await db.query(`
      CREATE TABLE personnel.assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id),
        title_id uuid NOT NULL REFERENCES personnel.title (id),
        org_unit_id uuid NOT NULL REFERENCES personnel.org_unit (id),
        starts_on date NOT NULL,
        ends_on date,
        acting boolean NOT NULL DEFAULT false,
        single_holder boolean NOT NULL,
        decision_id uuid NOT NULL REFERENCES personnel.decision (id),
        cancelled boolean NOT NULL DEFAULT false,
        CONSTRAINT assignment_dates_ordered CHECK (ends_on IS NULL OR ends_on > starts_on),
        -- The guard that holds under concurrency: a single-holder title in a unit has at most one
        -- holder on any day, whichever transactions commit.
        CONSTRAINT assignment_single_holder EXCLUDE USING gist (
          title_id WITH =, org_unit_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&)
          WHERE (single_holder AND NOT cancelled),
        CONSTRAINT assignment_not_twice EXCLUDE USING gist (
          cadre_id WITH =, title_id WITH =, org_unit_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&)
          WHERE (NOT cancelled)
      )`);
    await db.query(`CREATE INDEX assignment_cadre_idx ON personnel.assignment (cadre_id, starts_on)`);
    await db.query(`CREATE INDEX assignment_title_idx ON personnel.assignment (title_id, org_unit_id)`);

    await db.query(`
      CREATE TABLE personnel.appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES personnel.assignment (id),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id),
        kind varchar(32) NOT NULL CONSTRAINT appointment_kind_known CHECK (kind IN (
          'FIRST', 'REAPPOINTMENT', 'EXTENSION_TO_RETIREMENT', 'ACTING', 'DISMISSAL', 'RESIGNATION')),
        effective_on date NOT NULL,
        term_ends_on date,
        decision_id uuid NOT NULL REFERENCES personnel.decision (id),
        -- What a DISMISSAL or RESIGNATION replaced, so cancelling its decision restores it.
        previous_assignment_end date,
        cancelled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT appointment_term_after_start CHECK (term_ends_on IS NULL OR term_ends_on > effective_on),
        CONSTRAINT appointment_term_only_when_held CHECK ((kind IN ('DISMISSAL', 'RESIGNATION')) = (term_ends_on IS NULL) OR kind = 'ACTING')
      )`);
    await db.query(`CREATE INDEX appointment_assignment_idx ON personnel.appointment (assignment_id, effective_on)`);
    await db.query(`CREATE INDEX appointment_term_end_idx ON personnel.appointment (term_ends_on) WHERE NOT cancelled`);
    await db.query(`CREATE INDEX appointment_decision_idx ON personnel.appointment (decision_id)`);

    await db.query(`
      CREATE TABLE personnel.mobility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id),
        kind varchar(16) NOT NULL CONSTRAINT mobility_kind_known CHECK (kind IN ('ROTATION', 'TRANSFER', 'SECONDMENT')),
        purpose varchar(500) NOT NULL,
        from_org_unit_id uuid NOT NULL REFERENCES personnel.org_unit (id),
        to_org_unit_id uuid NOT NULL REFERENCES personnel.org_unit (id),
        starts_on date NOT NULL,
        planned_end_on date,
        decision_id uuid NOT NULL REFERENCES personnel.decision (id),
        cancelled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mobility_moves CHECK (from_org_unit_id <> to_org_unit_id),
        CONSTRAINT mobility_end_after_start CHECK (planned_end_on IS NULL OR planned_end_on > starts_on),
        CONSTRAINT mobility_temporary_has_end CHECK (kind = 'TRANSFER' OR planned_end_on IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX mobility_cadre_idx ON personnel.mobility (cadre_id, starts_on)`);
    await db.query(`CREATE INDEX mobility_planned_end_idx ON personnel.mobility (planned_end_on) WHERE NOT cancelled`);
    await db.query(`CREATE INDEX mobility_decision_idx ON personnel.mobility (decision_id)`);

    await db.query(`
      CREATE TABLE personnel.evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id),
        year smallint NOT NULL CONSTRAINT evaluation_year_plausible CHECK (year BETWEEN 1950 AND 2100),
        rating varchar(16) NOT NULL CONSTRAINT evaluation_rating_known CHECK (rating IN ('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED')),
        decision_id uuid NOT NULL REFERENCES personnel.decision (id),
        cancelled boolean NOT NULL DEFAULT false,
        CONSTRAINT evaluation_once_a_year EXCLUDE USING btree (cadre_id WITH =, year WITH =) WHERE (NOT cancelled)
      )`);
    await db.query(`CREATE INDEX evaluation_cadre_idx ON personnel.evaluation (cadre_id, year)`);

    await db.query(`
      CREATE TABLE personnel.discipline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES personnel.cadre (id),
        form varchar(24) NOT NULL CONSTRAINT discipline_form_known CHECK (form IN (
          'REPRIMAND', 'WARNING', 'PAY_DEMOTION', 'DEMOTION', 'REMOVAL_FROM_OFFICE', 'DISMISSAL')),
        reason varchar(500) NOT NULL,
        effective_on date NOT NULL,
        decision_id uuid NOT NULL REFERENCES personnel.decision (id),
        cancelled boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX discipline_cadre_idx ON personnel.discipline (cadre_id, effective_on)`);

    // --- rules and history --------------------------------------------------------------------
    await db.query(`
      CREATE TABLE personnel.rule_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(64) NOT NULL,
        value jsonb NOT NULL,
        legal_basis varchar(500) NOT NULL,
        effective_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rule_setting_version_unique UNIQUE (key, effective_from)
      )`);

    await db.query(`
      CREATE TABLE personnel.change_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(200) NOT NULL,
        request_id varchar(128),
        action varchar(64) NOT NULL,
        entity varchar(32) NOT NULL,
        entity_id uuid NOT NULL,
        cadre_id uuid,
        decision_id uuid,
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX change_log_entity_idx ON personnel.change_log (entity_id, id)`);
    await db.query(`CREATE INDEX change_log_cadre_idx ON personnel.change_log (cadre_id, id)`);
    await db.query(`
      CREATE FUNCTION personnel.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the change history is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON personnel.change_log
        FOR EACH STATEMENT EXECUTE FUNCTION personnel.refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'change_log',
      'rule_setting',
      'discipline',
      'evaluation',
      'mobility',
      'appointment',
      'assignment',
      'family_member',
      'degree',
    ]) {
      await db.query(`DROP TABLE personnel.${table}`);
    }
    await db.query(`DROP FUNCTION personnel.refuse_change()`);
    await db.query(`
      ALTER TABLE personnel.cadre
        DROP COLUMN search_text, DROP COLUMN other_names, DROP COLUMN place_of_birth, DROP COLUMN hometown,
        DROP COLUMN religion, DROP COLUMN grade, DROP COLUMN grade_since, DROP COLUMN party_admission_date,
        DROP COLUMN party_official_date, DROP COLUMN general_education, DROP COLUMN phone, DROP COLUMN email`);
    await db.query(`DROP INDEX personnel.cadre_ethnicity_name_idx`);
    await db.query(`DROP INDEX personnel.cadre_date_of_birth_idx`);
    await db.query(`DROP TABLE personnel.decision`);
    await db.query(`
      ALTER TABLE personnel.title DROP COLUMN rank, DROP COLUMN min_political_theory_level,
        DROP COLUMN min_state_management_level, DROP COLUMN min_education, DROP COLUMN min_grade`);
    await db.query(`DROP TRIGGER org_unit_path ON personnel.org_unit`);
    await db.query(`DROP FUNCTION personnel.org_unit_set_path()`);
    await db.query(`ALTER TABLE personnel.org_unit DROP COLUMN path`);
    await db.query(`DROP FUNCTION personnel.search_key(text)`);
  }
}
