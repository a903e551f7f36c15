import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A title exists in units of one level (its `level`): a commune chair's title cannot be held in a
 * provincial department (issue 15, item 7). Each assignment carries its unit's level, filled by a
 * trigger from the unit, and two composite foreign keys tie it to both the unit's and the title's
 * level, so the database refuses a misplaced holding under any concurrency, and refuses changing
 * a unit's or a title's level while someone holds it there. The title key is NOT VALID: rows
 * recorded before the rule are kept as they were (VALIDATE CONSTRAINT once they are reviewed);
 * every new or changed row is checked.
 */
export class TitleUnitLevel1764710000000 implements MigrationInterface {
  name = 'TitleUnitLevel1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE personnel.title ADD CONSTRAINT title_id_level_unique UNIQUE (id, level)`);
    await db.query(`ALTER TABLE personnel.org_unit ADD CONSTRAINT org_unit_id_level_unique UNIQUE (id, level)`);
    await db.query(`ALTER TABLE personnel.assignment ADD COLUMN unit_level varchar(16)`);
    await db.query(
      `UPDATE personnel.assignment a SET unit_level = u.level FROM personnel.org_unit u WHERE u.id = a.org_unit_id`,
    );
    await db.query(`ALTER TABLE personnel.assignment ALTER COLUMN unit_level SET NOT NULL`);
    await db.query(`
      CREATE FUNCTION personnel.assignment_unit_level() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.unit_level := (SELECT level FROM personnel.org_unit WHERE id = NEW.org_unit_id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER assignment_unit_level BEFORE INSERT OR UPDATE OF org_unit_id, unit_level ON personnel.assignment
      FOR EACH ROW EXECUTE FUNCTION personnel.assignment_unit_level()`);
    await db.query(`
      ALTER TABLE personnel.assignment ADD CONSTRAINT assignment_unit_level_fk
        FOREIGN KEY (org_unit_id, unit_level) REFERENCES personnel.org_unit (id, level)`);
    await db.query(`
      ALTER TABLE personnel.assignment ADD CONSTRAINT assignment_title_at_unit_level
        FOREIGN KEY (title_id, unit_level) REFERENCES personnel.title (id, level) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE personnel.assignment DROP CONSTRAINT assignment_title_at_unit_level`);
    await db.query(`ALTER TABLE personnel.assignment DROP CONSTRAINT assignment_unit_level_fk`);
    await db.query(`DROP TRIGGER assignment_unit_level ON personnel.assignment`);
    await db.query(`DROP FUNCTION personnel.assignment_unit_level()`);
    await db.query(`ALTER TABLE personnel.assignment DROP COLUMN unit_level`);
    await db.query(`ALTER TABLE personnel.org_unit DROP CONSTRAINT org_unit_id_level_unique`);
    await db.query(`ALTER TABLE personnel.title DROP CONSTRAINT title_id_level_unique`);
  }
}
