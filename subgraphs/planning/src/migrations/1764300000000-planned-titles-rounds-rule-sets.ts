import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule sets as data, terms with their pairing and age reference dates, planned titles with a
 * database-kept candidate count, the full planning entry, annual review rounds and their flags, and
 * the development needs that tie a title's standard to training programmes.
 */
export class PlannedTitlesRoundsRuleSets1764300000000 implements MigrationInterface {
  name = 'PlannedTitlesRoundsRuleSets1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planning.rule_set (
        code varchar(32) PRIMARY KEY,
        name varchar(300) NOT NULL,
        legal_basis varchar(500) NOT NULL,
        limits jsonb NOT NULL
      )`);
    // The two rule sets are reference data: every database has them, demo or not.
    const common = {
      maxCandidatesPerTitle: 3,
      maxTitlesPerCadreAtLevel: 3,
      termYears: 5,
      minTermsOfService: 1,
      warnBelowTerms: 2,
      ageBracketYears: 5,
      disciplineLookbackMonths: 12,
    };
    await db.query(
      `INSERT INTO planning.rule_set (code, name, legal_basis, limits) VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)`,
      [
        'QD-50-2021',
        'Quy hoạch cán bộ nhiệm kỳ 2020–2025 và 2021–2026',
        'Quy định 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về công tác quy hoạch cán bộ',
        JSON.stringify({ ...common, youngAgeLimit: 40, targetYoungPercent: 15, targetWomenPercent: 25 }),
        'QD-377-2025',
        'Quy hoạch cán bộ nhiệm kỳ 2025–2030 và 2026–2031',
        'Quy định 377-QĐ/TW năm 2025 của Bộ Chính trị về phân cấp quản lý cán bộ, quy hoạch, bổ nhiệm',
        JSON.stringify({ ...common, youngAgeLimit: 40, targetYoungPercent: 15, targetWomenPercent: 25 }),
      ],
    );
    await db.query(`
      ALTER TABLE planning.term
        ADD COLUMN paired_term_id uuid REFERENCES planning.term (id),
        ADD COLUMN rule_set_code varchar(32) REFERENCES planning.rule_set (code),
        ADD COLUMN age_reference_dates jsonb NOT NULL DEFAULT '{}'`);

    await db.query(`
      CREATE TABLE planning.planned_title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        term_id uuid NOT NULL REFERENCES planning.term (id),
        title_id uuid NOT NULL,
        org_unit_id uuid,
        -- The title's level and rank as personnel gave them when the title was planned.
        title_level varchar(16) NOT NULL CONSTRAINT planned_title_level_known CHECK (title_level IN ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE')),
        title_rank smallint NOT NULL,
        max_candidates smallint NOT NULL CONSTRAINT planned_title_max_positive CHECK (max_candidates > 0),
        -- Rule 14, kept by the database: a trigger counts active candidates under this row's lock.
        active_candidates integer NOT NULL DEFAULT 0,
        CONSTRAINT planned_title_candidates CHECK (active_candidates BETWEEN 0 AND max_candidates),
        CONSTRAINT planned_title_once UNIQUE NULLS NOT DISTINCT (term_id, title_id, org_unit_id)
      )`);

    await db.query(`
      CREATE TABLE planning.planning_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        term_id uuid NOT NULL REFERENCES planning.term (id),
        year smallint NOT NULL,
        code varchar(32) NOT NULL CONSTRAINT planning_round_code_unique UNIQUE,
        opened_on date NOT NULL,
        closed_on date,
        CONSTRAINT planning_round_dates CHECK (closed_on IS NULL OR closed_on >= opened_on),
        CONSTRAINT planning_round_once_a_year UNIQUE (term_id, year)
      )`);

    // Existing entries (from the first migration) get a planned title each before the column is required.
    await db.query(`
      INSERT INTO planning.planned_title (term_id, title_id, title_level, title_rank, max_candidates)
      SELECT DISTINCT term_id, title_id, 'PROVINCE', 0, 3 FROM planning.planning_entry`);
    await db.query(`
      ALTER TABLE planning.planning_entry
        ADD COLUMN planned_title_id uuid REFERENCES planning.planned_title (id),
        ADD COLUMN source varchar(16) NOT NULL DEFAULT 'INTERNAL' CONSTRAINT planning_entry_source_known CHECK (source IN ('INTERNAL', 'EXTERNAL')),
        ADD COLUMN readiness varchar(24) CONSTRAINT planning_entry_readiness_known CHECK (readiness IN ('READY_NOW', 'ONE_TO_TWO_YEARS', 'THREE_TO_FIVE_YEARS')),
        ADD COLUMN candidate_rank smallint CONSTRAINT planning_entry_rank_positive CHECK (candidate_rank > 0),
        ADD COLUMN emergency_successor boolean NOT NULL DEFAULT false,
        ADD COLUMN round_id uuid REFERENCES planning.planning_round (id),
        ADD COLUMN added_decision_number varchar(64),
        ADD COLUMN added_on date,
        ADD COLUMN removed_decision_number varchar(64),
        ADD COLUMN removed_on date,
        ADD COLUMN removal_reason varchar(32) CONSTRAINT planning_entry_removal_reason_known CHECK (removal_reason IN (
          'OVER_AGE', 'DISCIPLINED', 'RATED_NOT_COMPLETED', 'ALREADY_APPOINTED', 'TOO_MANY_TITLES', 'OTHER')),
        -- What personnel said of the cadre when they were planned: composition statistics read these.
        ADD COLUMN cadre_sex varchar(8),
        ADD COLUMN cadre_date_of_birth date,
        ADD COLUMN cadre_ethnicity varchar(64),
        ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT planning_entry_removal_complete CHECK ((status = 'REMOVED') = (removal_reason IS NOT NULL)),
        ADD CONSTRAINT planning_entry_approval_cites CHECK (status NOT IN ('APPROVED', 'REALISED') OR added_decision_number IS NOT NULL),
        ADD CONSTRAINT planning_entry_removal_cites CHECK (status <> 'REMOVED' OR removed_decision_number IS NOT NULL)`);
    await db.query(`
      UPDATE planning.planning_entry e SET planned_title_id = p.id, added_decision_number = COALESCE(e.added_decision_number, 'migrated')
        FROM planning.planned_title p WHERE p.term_id = e.term_id AND p.title_id = e.title_id AND p.org_unit_id IS NULL`);
    await db.query(`ALTER TABLE planning.planning_entry ALTER COLUMN planned_title_id SET NOT NULL`);
    await db.query(`ALTER TABLE planning.planning_entry DROP CONSTRAINT planning_entry_once`);
    await db.query(
      `ALTER TABLE planning.planning_entry ADD CONSTRAINT planning_entry_once UNIQUE (cadre_id, planned_title_id)`,
    );
    await db.query(`CREATE INDEX planning_entry_planned_title_idx ON planning.planning_entry (planned_title_id)`);
    await db.query(`CREATE INDEX planning_entry_term_idx ON planning.planning_entry (term_id, status)`);
    await db.query(`CREATE INDEX planning_entry_round_idx ON planning.planning_entry (round_id)`);

    await db.query(`
      CREATE FUNCTION planning.is_candidate(status varchar) RETURNS boolean LANGUAGE sql IMMUTABLE
        RETURN status IN ('PROPOSED', 'APPROVED')`);
    await db.query(`
      CREATE FUNCTION planning.planning_entry_count_candidates() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND planning.is_candidate(OLD.status) THEN
          UPDATE planning.planned_title SET active_candidates = active_candidates - 1 WHERE id = OLD.planned_title_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND planning.is_candidate(NEW.status) THEN
          UPDATE planning.planned_title SET active_candidates = active_candidates + 1 WHERE id = NEW.planned_title_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER planning_entry_candidates AFTER INSERT OR DELETE OR UPDATE OF status, planned_title_id ON planning.planning_entry
        FOR EACH ROW EXECUTE FUNCTION planning.planning_entry_count_candidates()`);
    await db.query(`
      UPDATE planning.planned_title p SET active_candidates = (
        SELECT count(*) FROM planning.planning_entry e WHERE e.planned_title_id = p.id AND planning.is_candidate(e.status))`);

    await db.query(`
      CREATE TABLE planning.round_flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES planning.planning_round (id),
        entry_id uuid NOT NULL REFERENCES planning.planning_entry (id),
        reason varchar(32) NOT NULL CONSTRAINT round_flag_reason_known CHECK (reason IN (
          'OVER_AGE', 'DISCIPLINED', 'RATED_NOT_COMPLETED', 'ALREADY_APPOINTED', 'TOO_MANY_TITLES')),
        details varchar(500) NOT NULL,
        confirmed_decision_number varchar(64),
        confirmed_on date,
        CONSTRAINT round_flag_once UNIQUE (round_id, entry_id, reason)
      )`);
    await db.query(`CREATE INDEX round_flag_entry_idx ON planning.round_flag (entry_id)`);

    await db.query(`
      CREATE TABLE planning.development_need (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        criterion varchar(24) NOT NULL CONSTRAINT development_need_criterion_known CHECK (criterion IN (
          'POLITICAL_THEORY', 'STATE_MANAGEMENT', 'EDUCATION', 'GRADE')),
        level varchar(32) NOT NULL,
        -- A training Programme id, resolved through federation.
        programme_id uuid NOT NULL,
        CONSTRAINT development_need_once UNIQUE (criterion, level, programme_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE planning.development_need`);
    await db.query(`DROP TABLE planning.round_flag`);
    await db.query(`DROP TRIGGER planning_entry_candidates ON planning.planning_entry`);
    await db.query(`DROP FUNCTION planning.planning_entry_count_candidates()`);
    await db.query(`DROP FUNCTION planning.is_candidate(varchar)`);
    await db.query(`ALTER TABLE planning.planning_entry DROP CONSTRAINT planning_entry_once`);
    await db.query(`
      ALTER TABLE planning.planning_entry DROP COLUMN planned_title_id, DROP COLUMN source, DROP COLUMN readiness,
        DROP COLUMN candidate_rank, DROP COLUMN emergency_successor, DROP COLUMN round_id, DROP COLUMN added_decision_number,
        DROP COLUMN added_on, DROP COLUMN removed_decision_number, DROP COLUMN removed_on, DROP COLUMN removal_reason,
        DROP COLUMN cadre_sex, DROP COLUMN cadre_date_of_birth, DROP COLUMN cadre_ethnicity, DROP COLUMN warnings`);
    await db.query(
      `ALTER TABLE planning.planning_entry ADD CONSTRAINT planning_entry_once UNIQUE (cadre_id, title_id, term_id)`,
    );
    await db.query(`DROP TABLE planning.planning_round`);
    await db.query(`DROP TABLE planning.planned_title`);
    await db.query(
      `ALTER TABLE planning.term DROP COLUMN paired_term_id, DROP COLUMN rule_set_code, DROP COLUMN age_reference_dates`,
    );
    await db.query(`DROP TABLE planning.rule_set`);
  }
}
