import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPersonnel1764200000000 implements MigrationInterface {
  name = 'InitialPersonnel1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE personnel.org_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CONSTRAINT org_unit_code_unique UNIQUE,
        name varchar(200) NOT NULL,
        level varchar(16) NOT NULL CONSTRAINT org_unit_level_known CHECK (level IN ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE')),
        parent_id uuid REFERENCES personnel.org_unit (id),
        valid_from date NOT NULL,
        valid_to date,
        CONSTRAINT org_unit_validity CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT org_unit_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX org_unit_parent_idx ON personnel.org_unit (parent_id)`);

    await db.query(`
      CREATE TABLE personnel.title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL CONSTRAINT title_code_unique UNIQUE,
        name varchar(200) NOT NULL,
        level varchar(16) NOT NULL CONSTRAINT title_level_known CHECK (level IN ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE')),
        is_head boolean NOT NULL DEFAULT false,
        max_holders smallint NOT NULL DEFAULT 1 CONSTRAINT title_max_holders_positive CHECK (max_holders > 0)
      )`);

    await db.query(`
      CREATE TABLE personnel.cadre (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name varchar(200) NOT NULL CONSTRAINT cadre_full_name_present CHECK (btrim(full_name) <> ''),
        sex varchar(8) NOT NULL CONSTRAINT cadre_sex_known CHECK (sex IN ('MALE', 'FEMALE')),
        date_of_birth date NOT NULL CONSTRAINT cadre_born_plausibly CHECK (date_of_birth > DATE '1900-01-01'),
        ethnicity varchar(64) NOT NULL,
        personal_id_number char(12) NOT NULL
          CONSTRAINT cadre_personal_id_unique UNIQUE
          CONSTRAINT cadre_personal_id_format CHECK (personal_id_number ~ '^[0-9]{12}$'),
        category varchar(16) NOT NULL
          CONSTRAINT cadre_category_known CHECK (category IN ('ELECTED_CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'PART_TIME')),
        org_unit_id uuid NOT NULL REFERENCES personnel.org_unit (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cadre_org_unit_idx ON personnel.cadre (org_unit_id)`);
    // Keyset pagination of the cadre list walks these indexes, filtered or not.
    await db.query(`CREATE INDEX cadre_full_name_id_idx ON personnel.cadre (full_name, id)`);
    await db.query(`CREATE INDEX cadre_category_name_idx ON personnel.cadre (category, full_name, id)`);
    await db.query(`CREATE INDEX cadre_sex_name_idx ON personnel.cadre (sex, full_name, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE personnel.cadre`);
    await db.query(`DROP TABLE personnel.title`);
    await db.query(`DROP TABLE personnel.org_unit`);
  }
}
