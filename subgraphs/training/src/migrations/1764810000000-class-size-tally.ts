import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, statistics at national scale: class sizes for the province without reading every
 * class. Classes grouped by programme, mode, provider and start date (60,000 national classes fall
 * into a few hundred such groups): how many, their seats, the largest and the largest cap, kept by
 * a trigger on `training_class` (whose seat count the enrollment trigger keeps) in the writing
 * transaction. A period or provider level then selects whole groups.
 */
export class ClassSizeTally1764810000000 implements MigrationInterface {
  name = 'ClassSizeTally1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training.class_size_tally (
        programme_id uuid NOT NULL,
        mode varchar(24) NOT NULL,
        provider_id uuid NOT NULL,
        start_date date NOT NULL,
        classes integer NOT NULL,
        seats integer NOT NULL,
        largest integer NOT NULL,
        cap integer NOT NULL,
        CONSTRAINT class_size_tally_key PRIMARY KEY (programme_id, mode, provider_id, start_date)
      )`);
    await db.query(
      `CREATE INDEX training_class_size_group_idx ON training.training_class (programme_id, mode, provider_id, start_date)`,
    );
    // Counts and sums move by deltas. A maximum cannot shrink by a delta: when the class that left
    // or shrank may have been its group's largest, the group's maximum is read again, after the
    // group row's lock is held, so every other writer of the group has committed or waits.
    await db.query(`
      CREATE FUNCTION training.training_class_count_sizes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        grew boolean := TG_OP = 'UPDATE' AND (OLD.programme_id, OLD.mode, OLD.provider_id, OLD.start_date) = (NEW.programme_id, NEW.mode, NEW.provider_id, NEW.start_date)
                        AND NEW.seats_taken >= OLD.seats_taken AND NEW.max_size >= OLD.max_size;
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.programme_id, OLD.mode, OLD.provider_id, OLD.start_date, OLD.seats_taken, OLD.max_size)
                                IS NOT DISTINCT FROM (NEW.programme_id, NEW.mode, NEW.provider_id, NEW.start_date, NEW.seats_taken, NEW.max_size) THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          UPDATE training.class_size_tally SET classes = classes - 1, seats = seats - OLD.seats_taken
           WHERE (programme_id, mode, provider_id, start_date) = (OLD.programme_id, OLD.mode, OLD.provider_id, OLD.start_date);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO training.class_size_tally AS t (programme_id, mode, provider_id, start_date, classes, seats, largest, cap)
          VALUES (NEW.programme_id, NEW.mode, NEW.provider_id, NEW.start_date, 1, NEW.seats_taken, NEW.seats_taken, NEW.max_size)
          ON CONFLICT (programme_id, mode, provider_id, start_date) DO UPDATE
            SET classes = t.classes + 1, seats = t.seats + EXCLUDED.seats, largest = greatest(t.largest, EXCLUDED.largest), cap = greatest(t.cap, EXCLUDED.cap);
        END IF;
        IF TG_OP <> 'INSERT' AND NOT grew THEN
          UPDATE training.class_size_tally t SET largest = COALESCE(m.largest, 0), cap = COALESCE(m.cap, 0)
            FROM (SELECT max(c.seats_taken) AS largest, max(c.max_size) AS cap FROM training.training_class c
                   WHERE (c.programme_id, c.mode, c.provider_id, c.start_date) = (OLD.programme_id, OLD.mode, OLD.provider_id, OLD.start_date)) m
           WHERE (t.programme_id, t.mode, t.provider_id, t.start_date) = (OLD.programme_id, OLD.mode, OLD.provider_id, OLD.start_date)
             AND (t.largest = OLD.seats_taken OR t.cap = OLD.max_size);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER training_class_sizes AFTER INSERT OR DELETE OR UPDATE OF programme_id, mode, provider_id, start_date, seats_taken, max_size
        ON training.training_class FOR EACH ROW EXECUTE FUNCTION training.training_class_count_sizes()`);
    await db.query(`LOCK TABLE training.training_class IN SHARE MODE`);
    await db.query(`
      INSERT INTO training.class_size_tally (programme_id, mode, provider_id, start_date, classes, seats, largest, cap)
      SELECT programme_id, mode, provider_id, start_date, count(*), sum(seats_taken), max(seats_taken), max(max_size)
        FROM training.training_class GROUP BY 1, 2, 3, 4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER training_class_sizes ON training.training_class`);
    await db.query(`DROP FUNCTION training.training_class_count_sizes()`);
    await db.query(`DROP INDEX training.training_class_size_group_idx`);
    await db.query(`DROP TABLE training.class_size_tally`);
  }
}
