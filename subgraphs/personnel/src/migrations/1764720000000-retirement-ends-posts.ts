import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Sex } from '../modules/cadre/cadre.entity';
import { personnelRules } from '../modules/rules/personnel-rules';
import { retirementDate } from '../modules/rules/retirement';

/**
 * Retirement ends every post (issue 15, item 5): holdings recorded before, still open or running
 * past the holder's retirement date, end on that date, so the seat is free from it for the
 * database's single-holder constraint as well. The dates come from Decree 135/2020's schedule (the
 * coded rule); a holding that started on or after retirement is left for a person to review, as no
 * end can precede its start. `down` cannot tell these ends from decided ones, and keeps them.
 */
export class RetirementEndsPosts1764720000000 implements MigrationInterface {
  name = 'RetirementEndsPosts1764720000000';

  async up(db: QueryRunner): Promise<void> {
    const holders: { id: string; sex: Sex; dateOfBirth: string }[] = await db.query(
      `SELECT DISTINCT c.id, c.sex, to_char(c.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
         FROM personnel.cadre c JOIN personnel.assignment a ON a.cadre_id = c.id
        WHERE NOT a.cancelled`,
    );
    if (!holders.length) return;
    const schedule = personnelRules.retirementSchedule.defaultValue;
    await db.query(
      `UPDATE personnel.assignment a SET ends_on = r.retires
         FROM unnest($1::uuid[], $2::date[]) AS r(cadre_id, retires)
        WHERE a.cadre_id = r.cadre_id AND NOT a.cancelled AND a.starts_on < r.retires AND (a.ends_on IS NULL OR a.ends_on > r.retires)`,
      [holders.map((h) => h.id), holders.map((h) => retirementDate(schedule, h.sex, h.dateOfBirth))],
    );
  }

  async down(): Promise<void> {
    // The ends stay: once set they cannot be told from ends that decisions set.
  }
}
