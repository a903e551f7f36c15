import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, statistics at national scale: what the planning dashboard counts, kept by triggers in
 * the writing transaction (as a planned title's active candidates are), so a statistic sums a few
 * tally rows instead of scanning every planned title and entry of a term.
 *
 * - Bench strength: planned titles by term, unit and candidates (3+ as 3), by unit
 *   (`bench_unit_tally`, summed over a scoped caller's units) and for the province (`bench_tally`).
 * - Pool composition for the province: distinct active candidates of a term by sex, minority and
 *   date of birth (`pool_tally`), a cadre counted once while they have at least one candidate entry
 *   (`pool_member` counts their entries and holds the facts they are counted under).
 *
 * Upserts (ON CONFLICT DO UPDATE) make concurrent first writes of a key add up; each row's lock
 * serialises the writers of that key.
 */
export class StatisticsTallies1764800000000 implements MigrationInterface {
  name = 'StatisticsTallies1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planning.bench_unit_tally (
        term_id uuid NOT NULL,
        org_unit_id uuid,
        candidates smallint NOT NULL,
        titles integer NOT NULL,
        CONSTRAINT bench_unit_tally_key UNIQUE NULLS NOT DISTINCT (term_id, org_unit_id, candidates)
      )`);
    await db.query(`
      CREATE TABLE planning.bench_tally (
        term_id uuid NOT NULL,
        candidates smallint NOT NULL,
        titles integer NOT NULL,
        CONSTRAINT bench_tally_key PRIMARY KEY (term_id, candidates)
      )`);
    // The old key loses a title and the new gains one, in key order (no deadlock between opposite moves).
    await db.query(`
      CREATE FUNCTION planning.planned_title_count_bench() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.term_id, OLD.org_unit_id, least(OLD.active_candidates, 3))
                                IS NOT DISTINCT FROM (NEW.term_id, NEW.org_unit_id, least(NEW.active_candidates, 3)) THEN
          RETURN NULL;
        END IF;
        INSERT INTO planning.bench_unit_tally AS t (term_id, org_unit_id, candidates, titles)
          SELECT d.term_id, d.org_unit_id, d.candidates, sum(d.delta)
            FROM (SELECT OLD.term_id, OLD.org_unit_id, least(OLD.active_candidates, 3), -1 WHERE TG_OP <> 'INSERT'
                  UNION ALL
                  SELECT NEW.term_id, NEW.org_unit_id, least(NEW.active_candidates, 3), 1 WHERE TG_OP <> 'DELETE')
                 AS d (term_id, org_unit_id, candidates, delta)
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (term_id, org_unit_id, candidates) DO UPDATE SET titles = t.titles + EXCLUDED.titles;
        INSERT INTO planning.bench_tally AS t (term_id, candidates, titles)
          SELECT d.term_id, d.candidates, sum(d.delta)
            FROM (SELECT OLD.term_id, least(OLD.active_candidates, 3), -1 WHERE TG_OP <> 'INSERT'
                  UNION ALL
                  SELECT NEW.term_id, least(NEW.active_candidates, 3), 1 WHERE TG_OP <> 'DELETE')
                 AS d (term_id, candidates, delta)
           GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (term_id, candidates) DO UPDATE SET titles = t.titles + EXCLUDED.titles;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER planned_title_bench AFTER INSERT OR DELETE OR UPDATE OF term_id, org_unit_id, active_candidates ON planning.planned_title
        FOR EACH ROW EXECUTE FUNCTION planning.planned_title_count_bench()`);

    await db.query(`
      CREATE TABLE planning.pool_member (
        term_id uuid NOT NULL,
        cadre_id uuid NOT NULL,
        woman boolean NOT NULL,
        minority boolean NOT NULL,
        date_of_birth date NOT NULL,
        entries integer NOT NULL,
        CONSTRAINT pool_member_key PRIMARY KEY (term_id, cadre_id)
      )`);
    await db.query(`
      CREATE TABLE planning.pool_tally (
        term_id uuid NOT NULL,
        woman boolean NOT NULL,
        minority boolean NOT NULL,
        date_of_birth date NOT NULL,
        cadres integer NOT NULL,
        CONSTRAINT pool_tally_key PRIMARY KEY (term_id, woman, minority, date_of_birth)
      )`);
    await db.query(`
      CREATE FUNCTION planning.pool_tally_add(term uuid, is_woman boolean, is_minority boolean, born date, delta integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO planning.pool_tally AS t (term_id, woman, minority, date_of_birth, cadres) VALUES (term, is_woman, is_minority, born, delta)
        ON CONFLICT (term_id, woman, minority, date_of_birth) DO UPDATE SET cadres = t.cadres + EXCLUDED.cadres
      $$`);
    // An entry counts while it is a candidate's and has a date of birth (as the statistic reads it).
    // A cadre's first counted entry of a term adds them to the tally, their last one's going takes
    // them out; the member row (locked by each of these writes) keeps the facts they are counted
    // under: those of their entry written last, or of one still counted when that one goes.
    await db.query(`
      CREATE FUNCTION planning.planning_entry_count_pool() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        counts_old boolean := TG_OP <> 'INSERT' AND planning.is_candidate(OLD.status) AND OLD.cadre_date_of_birth IS NOT NULL;
        counts_new boolean := TG_OP <> 'DELETE' AND planning.is_candidate(NEW.status) AND NEW.cadre_date_of_birth IS NOT NULL;
        member planning.pool_member;
        left_entry planning.planning_entry;
      BEGIN
        IF counts_old AND counts_new AND (OLD.term_id, OLD.cadre_id, OLD.cadre_sex, OLD.cadre_ethnicity, OLD.cadre_date_of_birth)
                                         IS NOT DISTINCT FROM (NEW.term_id, NEW.cadre_id, NEW.cadre_sex, NEW.cadre_ethnicity, NEW.cadre_date_of_birth) THEN
          RETURN NULL;
        END IF;
        IF counts_old THEN
          UPDATE planning.pool_member SET entries = entries - 1 WHERE term_id = OLD.term_id AND cadre_id = OLD.cadre_id RETURNING * INTO member;
          IF member.entries = 0 THEN
            PERFORM planning.pool_tally_add(member.term_id, member.woman, member.minority, member.date_of_birth, -1);
          ELSIF member.entries > 0 THEN
            SELECT * INTO left_entry FROM planning.planning_entry e
             WHERE e.term_id = OLD.term_id AND e.cadre_id = OLD.cadre_id AND e.id <> OLD.id AND planning.is_candidate(e.status) AND e.cadre_date_of_birth IS NOT NULL
             LIMIT 1;
            IF FOUND AND ((left_entry.cadre_sex = 'FEMALE') IS TRUE, (left_entry.cadre_ethnicity <> 'Kinh') IS TRUE, left_entry.cadre_date_of_birth)
                         IS DISTINCT FROM (member.woman, member.minority, member.date_of_birth) THEN
              PERFORM planning.pool_tally_add(member.term_id, member.woman, member.minority, member.date_of_birth, -1);
              UPDATE planning.pool_member SET woman = (left_entry.cadre_sex = 'FEMALE') IS TRUE, minority = (left_entry.cadre_ethnicity <> 'Kinh') IS TRUE,
                     date_of_birth = left_entry.cadre_date_of_birth
               WHERE term_id = member.term_id AND cadre_id = member.cadre_id RETURNING * INTO member;
              PERFORM planning.pool_tally_add(member.term_id, member.woman, member.minority, member.date_of_birth, 1);
            END IF;
          END IF;
        END IF;
        IF counts_new THEN
          INSERT INTO planning.pool_member AS m (term_id, cadre_id, woman, minority, date_of_birth, entries)
          VALUES (NEW.term_id, NEW.cadre_id, (NEW.cadre_sex = 'FEMALE') IS TRUE, (NEW.cadre_ethnicity <> 'Kinh') IS TRUE, NEW.cadre_date_of_birth, 1)
          ON CONFLICT (term_id, cadre_id) DO UPDATE SET entries = m.entries + 1
          RETURNING * INTO member;
          IF member.entries > 1 THEN
            PERFORM planning.pool_tally_add(member.term_id, member.woman, member.minority, member.date_of_birth, -1);
          END IF;
          UPDATE planning.pool_member SET woman = (NEW.cadre_sex = 'FEMALE') IS TRUE, minority = (NEW.cadre_ethnicity <> 'Kinh') IS TRUE, date_of_birth = NEW.cadre_date_of_birth
           WHERE term_id = NEW.term_id AND cadre_id = NEW.cadre_id;
          PERFORM planning.pool_tally_add(NEW.term_id, (NEW.cadre_sex = 'FEMALE') IS TRUE, (NEW.cadre_ethnicity <> 'Kinh') IS TRUE, NEW.cadre_date_of_birth, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER planning_entry_pool
        AFTER INSERT OR DELETE OR UPDATE OF term_id, cadre_id, status, cadre_sex, cadre_ethnicity, cadre_date_of_birth ON planning.planning_entry
        FOR EACH ROW EXECUTE FUNCTION planning.planning_entry_count_pool()`);

    // Rows written before this migration are counted now, in its transaction, with writes held off.
    await db.query(`LOCK TABLE planning.planned_title, planning.planning_entry IN SHARE MODE`);
    await db.query(`
      INSERT INTO planning.bench_unit_tally (term_id, org_unit_id, candidates, titles)
      SELECT term_id, org_unit_id, least(active_candidates, 3), count(*) FROM planning.planned_title GROUP BY 1, 2, 3`);
    await db.query(`
      INSERT INTO planning.bench_tally (term_id, candidates, titles)
      SELECT term_id, candidates, sum(titles) FROM planning.bench_unit_tally GROUP BY 1, 2`);
    await db.query(`
      INSERT INTO planning.pool_member (term_id, cadre_id, woman, minority, date_of_birth, entries)
      SELECT term_id, cadre_id, (min(cadre_sex) = 'FEMALE') IS TRUE, (min(cadre_ethnicity) <> 'Kinh') IS TRUE, min(cadre_date_of_birth), count(*)
        FROM planning.planning_entry WHERE planning.is_candidate(status) AND cadre_date_of_birth IS NOT NULL GROUP BY 1, 2`);
    await db.query(`
      INSERT INTO planning.pool_tally (term_id, woman, minority, date_of_birth, cadres)
      SELECT term_id, woman, minority, date_of_birth, count(*) FROM planning.pool_member GROUP BY 1, 2, 3, 4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER planning_entry_pool ON planning.planning_entry`);
    await db.query(`DROP FUNCTION planning.planning_entry_count_pool()`);
    await db.query(`DROP FUNCTION planning.pool_tally_add(uuid, boolean, boolean, date, integer)`);
    await db.query(`DROP TRIGGER planned_title_bench ON planning.planned_title`);
    await db.query(`DROP FUNCTION planning.planned_title_count_bench()`);
    await db.query(
      `DROP TABLE planning.pool_tally, planning.pool_member, planning.bench_tally, planning.bench_unit_tally`,
    );
  }
}
