import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNT_COMPLETION_WITH_KEY_SHARE, MOVE_COMPLETION_WITH_ROW_LOCK } from './1764820000000-completion-tally';

/**
 * The completion tally lost a race (1 run in 6 of the tallies' recount test): an enrollment write
 * that holds no seat takes no row lock on its class, and its FOR KEY SHARE read of the class does
 * not conflict with the NO KEY UPDATE a class move takes, so it could read the class's group while
 * a move was between its UPDATE and its trigger, and count in one group what the move counted in
 * another (an old group went to -1).
 *
 * Both triggers now meet on one lock per class, taken before anything they read: an enrollment
 * write takes it shared (writes into one class still run side by side), a class move takes it
 * exclusive. Each statement after the lock reads a fresh snapshot (READ COMMITTED), so a write
 * either commits before the move reads the enrollment tally, and the move carries it to the new
 * group, or waits for the move to commit and then reads the new group itself.
 */
/** The key of a class's lock, from the SQL expression of its id. */
const classLock = (classIdSql: string) => `hashtext('training-class-completion:' || ${classIdSql}::text)`;

const COUNT_COMPLETION_UNDER_CLASS_LOCK = `
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
    PERFORM pg_advisory_xact_lock_shared(${classLock('tallied_class')});
    SELECT c.programme_id, c.end_date INTO class_programme, class_end FROM training.training_class c WHERE c.id = tallied_class;
    INSERT INTO training.completion_tally AS t (programme_id, end_date, status, enrollments)
      VALUES (class_programme, class_end, tallied_status, delta)
      ON CONFLICT (programme_id, end_date, status) DO UPDATE SET enrollments = t.enrollments + EXCLUDED.enrollments;
    RETURN NULL;
  END $$`;

const MOVE_COMPLETION_UNDER_CLASS_LOCK = `
  CREATE OR REPLACE FUNCTION training.training_class_move_completion() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF (OLD.programme_id, OLD.end_date) IS NOT DISTINCT FROM (NEW.programme_id, NEW.end_date) THEN
      RETURN NULL;
    END IF;
    -- Waits for every enrollment write into this class that has counted itself, and holds off the
    -- next ones until this move commits. (A writer that also holds this class's row for its seats is
    -- a deadlock PostgreSQL breaks; the services' transactions run it again.)
    PERFORM pg_advisory_xact_lock(${classLock('NEW.id')});
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

export class CompletionTallyClassLocks1765100000000 implements MigrationInterface {
  name = 'CompletionTallyClassLocks1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(COUNT_COMPLETION_UNDER_CLASS_LOCK);
    await db.query(MOVE_COMPLETION_UNDER_CLASS_LOCK);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(COUNT_COMPLETION_WITH_KEY_SHARE);
    await db.query(MOVE_COMPLETION_WITH_ROW_LOCK);
  }
}
