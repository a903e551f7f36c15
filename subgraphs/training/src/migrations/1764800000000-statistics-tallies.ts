import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, statistics at national scale: enrollments counted by class, quota, sending unit and
 * status, kept by a trigger in the writing transaction (as class seats are), so a statistic sums a
 * few tally rows instead of counting millions of enrollments. Two tallies: by unit, summed over a
 * scoped caller's units, and the province's (no unit), read by an unrestricted caller, so ADMIN's
 * figures do not sum a row per unit and class.
 */
export class StatisticsTallies1764800000000 implements MigrationInterface {
  name = 'StatisticsTallies1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training.enrollment_unit_tally (
        class_id uuid NOT NULL,
        quota_id uuid,
        org_unit_id uuid,
        status varchar(16) NOT NULL,
        enrollments integer NOT NULL,
        CONSTRAINT enrollment_unit_tally_key UNIQUE NULLS NOT DISTINCT (class_id, quota_id, org_unit_id, status)
      )`);
    await db.query(`CREATE INDEX enrollment_unit_tally_unit_idx ON training.enrollment_unit_tally (org_unit_id)`);
    await db.query(`
      CREATE TABLE training.enrollment_tally (
        class_id uuid NOT NULL,
        quota_id uuid,
        status varchar(16) NOT NULL,
        enrollments integer NOT NULL,
        CONSTRAINT enrollment_tally_key UNIQUE NULLS NOT DISTINCT (class_id, quota_id, status)
      )`);
    await db.query(`CREATE INDEX enrollment_tally_quota_idx ON training.enrollment_tally (quota_id)`);
    // The old row's key loses one, the new row's gains one. Both upserts take the tally rows' locks
    // in key order, so two transactions moving enrollments in opposite directions cannot deadlock;
    // ON CONFLICT DO UPDATE makes simultaneous first inserts of a key add up instead of failing. (No
    // CHECK that counts stay non-negative: PostgreSQL checks the proposed row, a -1, before the
    // conflict turns it into an update; the recount test guards the counts instead.)
    await db.query(`
      CREATE FUNCTION training.enrollment_count_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.class_id, OLD.quota_id, OLD.org_unit_id, OLD.status)
                                IS NOT DISTINCT FROM (NEW.class_id, NEW.quota_id, NEW.org_unit_id, NEW.status) THEN
          RETURN NULL;
        END IF;
        INSERT INTO training.enrollment_unit_tally AS t (class_id, quota_id, org_unit_id, status, enrollments)
          SELECT d.class_id, d.quota_id, d.org_unit_id, d.status, sum(d.delta)
            FROM (SELECT OLD.class_id, OLD.quota_id, OLD.org_unit_id, OLD.status, -1 WHERE TG_OP <> 'INSERT'
                  UNION ALL
                  SELECT NEW.class_id, NEW.quota_id, NEW.org_unit_id, NEW.status, 1 WHERE TG_OP <> 'DELETE')
                 AS d (class_id, quota_id, org_unit_id, status, delta)
           GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (class_id, quota_id, org_unit_id, status) DO UPDATE SET enrollments = t.enrollments + EXCLUDED.enrollments;
        INSERT INTO training.enrollment_tally AS t (class_id, quota_id, status, enrollments)
          SELECT d.class_id, d.quota_id, d.status, sum(d.delta)
            FROM (SELECT OLD.class_id, OLD.quota_id, OLD.status, -1 WHERE TG_OP <> 'INSERT'
                  UNION ALL
                  SELECT NEW.class_id, NEW.quota_id, NEW.status, 1 WHERE TG_OP <> 'DELETE')
                 AS d (class_id, quota_id, status, delta)
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (class_id, quota_id, status) DO UPDATE SET enrollments = t.enrollments + EXCLUDED.enrollments;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER enrollment_tallies AFTER INSERT OR DELETE OR UPDATE OF class_id, quota_id, org_unit_id, status ON training.enrollment
        FOR EACH ROW EXECUTE FUNCTION training.enrollment_count_tallies()`);
    // Rows written before this migration are counted now (the migration's transaction holds the
    // trigger and the backfill together, so no write falls between them).
    await db.query(`LOCK TABLE training.enrollment IN SHARE MODE`);
    await db.query(`
      INSERT INTO training.enrollment_unit_tally (class_id, quota_id, org_unit_id, status, enrollments)
      SELECT class_id, quota_id, org_unit_id, status, count(*) FROM training.enrollment GROUP BY 1, 2, 3, 4`);
    await db.query(`
      INSERT INTO training.enrollment_tally (class_id, quota_id, status, enrollments)
      SELECT class_id, quota_id, status, sum(enrollments) FROM training.enrollment_unit_tally GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER enrollment_tallies ON training.enrollment`);
    await db.query(`DROP FUNCTION training.enrollment_count_tallies()`);
    await db.query(`DROP TABLE training.enrollment_tally`);
    await db.query(`DROP TABLE training.enrollment_unit_tally`);
  }
}
