import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The enrollment tally's trigger as first written; migration CompletionTallyClassLocks replaced it (its down restores it). */
export const COUNT_COMPLETION_WITH_KEY_SHARE = `
      CREATE OR REPLACE FUNCTION training.enrollment_tally_count_completion() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta integer := COALESCE(CASE WHEN TG_OP <> 'DELETE' THEN NEW.enrollments END, 0)
                       - COALESCE(CASE WHEN TG_OP <> 'INSERT' THEN OLD.enrollments END, 0);
        tallied_class uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.class_id ELSE NEW.class_id END;
        tallied_status varchar := CASE WHEN TG_OP = 'DELETE' THEN OLD.status ELSE NEW.status END;
        class_programme uuid;
        class_end date;
      BEGIN
        IF delta = 0 THEN RETURN NULL; END IF;
        -- KEY SHARE waits for a class move in progress (which locks its class FOR UPDATE) and then
        -- reads the class's new programme and end date; it does not wait for seat updates.
        SELECT c.programme_id, c.end_date INTO class_programme, class_end FROM training.training_class c WHERE c.id = tallied_class FOR KEY SHARE;
        INSERT INTO training.completion_tally AS t (programme_id, end_date, status, enrollments)
          VALUES (class_programme, class_end, tallied_status, delta)
          ON CONFLICT (programme_id, end_date, status) DO UPDATE SET enrollments = t.enrollments + EXCLUDED.enrollments;
        RETURN NULL;
      END $$`;

/** The class move's trigger as first written; migration CompletionTallyClassLocks replaced it (its down restores it). */
export const MOVE_COMPLETION_WITH_ROW_LOCK = `
      CREATE OR REPLACE FUNCTION training.training_class_move_completion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (OLD.programme_id, OLD.end_date) IS NOT DISTINCT FROM (NEW.programme_id, NEW.end_date) THEN
          RETURN NULL;
        END IF;
        -- FOR UPDATE waits for every enrollment write that has read this class's group (KEY SHARE)
        -- to commit, and holds off the next ones until this move commits: the tally read below then
        -- holds every committed enrollment, and later writes count in the new group. (A deadlock with
        -- a writer that also updates the class's seats is retried by the service's transaction.)
        PERFORM 1 FROM training.training_class c WHERE c.id = NEW.id FOR UPDATE;
        INSERT INTO training.completion_tally AS t (programme_id, end_date, status, enrollments)
          SELECT d.programme_id, d.end_date, d.status, sum(d.delta)
            FROM (SELECT OLD.programme_id, OLD.end_date, e.status, -e.enrollments FROM training.enrollment_tally e WHERE e.class_id = OLD.id
                  UNION ALL
                  SELECT NEW.programme_id, NEW.end_date, e.status, e.enrollments FROM training.enrollment_tally e WHERE e.class_id = NEW.id)
                 AS d (programme_id, end_date, status, delta)
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (programme_id, end_date, status) DO UPDATE SET enrollments = t.enrollments + EXCLUDED.enrollments;
        RETURN NULL;
      END $$`;

/**
 * Issue 15, statistics at national scale: completion rates for the province without joining every
 * class. The province's enrollment tally (migration StatisticsTallies) has a row per class, quota
 * and status, about 150,000 at national scale; completion rates only need them by programme, end
 * date and status (a few thousand rows), so a period selects whole groups. Kept in the writing
 * transaction by two triggers: one on the enrollment tally (every enrollment write reaches it) and
 * one on classes, for a class moved to another programme or end date.
 */
export class CompletionTally1764820000000 implements MigrationInterface {
  name = 'CompletionTally1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training.completion_tally (
        programme_id uuid NOT NULL,
        end_date date NOT NULL,
        status varchar(16) NOT NULL,
        enrollments integer NOT NULL,
        CONSTRAINT completion_tally_key PRIMARY KEY (programme_id, end_date, status)
      )`);
    await db.query(`CREATE INDEX completion_tally_end_date_idx ON training.completion_tally (end_date)`);
    // A class cannot be deleted while it has enrollments (the enrollment's foreign key), so the
    // class row is always there when its tally rows move.
    await db.query(COUNT_COMPLETION_WITH_KEY_SHARE);
    await db.query(`
      CREATE TRIGGER enrollment_tally_completion AFTER INSERT OR DELETE OR UPDATE OF enrollments ON training.enrollment_tally
        FOR EACH ROW EXECUTE FUNCTION training.enrollment_tally_count_completion()`);
    // A class moved to another programme or end date takes its enrollments with it: subtracted from
    // the old group, added to the new, in key order so that two such moves cannot deadlock on them.
    await db.query(MOVE_COMPLETION_WITH_ROW_LOCK);
    await db.query(`
      CREATE TRIGGER training_class_completion AFTER UPDATE OF programme_id, end_date ON training.training_class
        FOR EACH ROW EXECUTE FUNCTION training.training_class_move_completion()`);
    await db.query(`LOCK TABLE training.enrollment_tally IN SHARE MODE`);
    await db.query(`LOCK TABLE training.training_class IN SHARE MODE`);
    await db.query(`
      INSERT INTO training.completion_tally (programme_id, end_date, status, enrollments)
      SELECT c.programme_id, c.end_date, e.status, sum(e.enrollments)
        FROM training.enrollment_tally e JOIN training.training_class c ON c.id = e.class_id
       GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER training_class_completion ON training.training_class`);
    await db.query(`DROP FUNCTION training.training_class_move_completion()`);
    await db.query(`DROP TRIGGER enrollment_tally_completion ON training.enrollment_tally`);
    await db.query(`DROP FUNCTION training.enrollment_tally_count_completion()`);
    await db.query(`DROP TABLE training.completion_tally`);
  }
}
