import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface CadreOptions {
  sex?: 'MALE' | 'FEMALE';
  dateOfBirth?: string;
  ethnicity?: string;
  partyMember?: boolean;
  degree?: 'COLLEGE' | 'BACHELOR' | 'MASTER' | null;
  /** Ratings of the last years, most recent first. */
  ratings?: string[];
  titleRank?: number | null;
  /** Level of that title. */
  titleLevel?: string;
  /** An existing personnel title to hold instead of a fresh one. */
  titleId?: string;
  disciplines?: { form: string; effectiveOn: string }[];
}

/**
 * A cadre in the personnel subgraph's own tables, as personnel would hold it (test setup only:
 * the training code under test reads it through personnel's API, never from these tables).
 */
export async function personnelCadre(db: DataSource, options: CadreOptions = {}): Promise<string> {
  const {
    sex = 'MALE',
    dateOfBirth = '1985-05-05',
    ethnicity = 'Thái',
    partyMember = true,
    degree = 'BACHELOR',
    ratings = ['GOOD', 'EXCELLENT'],
    titleRank = 50,
    titleLevel = 'PROVINCE',
  } = options;
  const year = Number(dateOfBirth.slice(0, 4));
  const personalId = `011${(year >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0)}${dateOfBirth.slice(2, 4)}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
  // The cadre's unit is of the level of the title they hold: a title is held only at its level.
  const [given] = options.titleId
    ? await db.query(`SELECT level FROM personnel.title WHERE id = $1`, [options.titleId])
    : [];
  const [unit] = await db.query(
    `INSERT INTO personnel.org_unit (code, name, level, valid_from) VALUES ($1, 'Đơn vị thử', $2, '2004-01-01') RETURNING id`,
    [`T-${randomUUID().slice(0, 8)}`, given?.level ?? titleLevel],
  );
  const [cadre] = await db.query(
    `INSERT INTO personnel.cadre (full_name, sex, date_of_birth, ethnicity, personal_id_number, category, org_unit_id, party_admission_date)
     VALUES ('Học viên thử', $1, $2, $3, $4, 'CIVIL_SERVANT', $5, $6) RETURNING id`,
    [sex, dateOfBirth, ethnicity, personalId, unit.id, partyMember ? `${year + 25}-01-01` : null],
  );
  if (degree)
    await db.query(
      `INSERT INTO personnel.degree (cadre_id, level, field, institution, year) VALUES ($1, $2, 'Luật', 'Đại học Luật', $3)`,
      [cadre.id, degree, year + 22],
    );
  const [decision] = await db.query(
    `INSERT INTO personnel.decision (number, signed_on, signing_authority, legal_basis, effective_on, subject)
     VALUES ($1, '2020-01-02', 'UBND tỉnh', 'Thử', '2020-01-02', 'Thử') RETURNING id`,
    [`${randomUUID()}`],
  );
  const lastYear = new Date().getUTCFullYear() - 1;
  for (const [i, rating] of ratings.entries()) {
    await db.query(`INSERT INTO personnel.evaluation (cadre_id, year, rating, decision_id) VALUES ($1, $2, $3, $4)`, [
      cadre.id,
      lastYear - i,
      rating,
      decision.id,
    ]);
  }
  for (const discipline of options.disciplines ?? []) {
    await db.query(
      `INSERT INTO personnel.discipline (cadre_id, form, reason, effective_on, decision_id) VALUES ($1, $2, 'Thử', $3, $4)`,
      [cadre.id, discipline.form, discipline.effectiveOn, decision.id],
    );
  }
  if (options.titleId || titleRank !== null) {
    const title = options.titleId ? { id: options.titleId } : await personnelTitle(db, titleRank!, titleLevel);
    await db.query(
      `INSERT INTO personnel.assignment (cadre_id, title_id, org_unit_id, starts_on, single_holder, decision_id) VALUES ($1, $2, $3, '2020-01-02', false, $4)`,
      [cadre.id, title.id, unit.id, decision.id],
    );
  }
  return cadre.id;
}

/** A fresh personnel title of a rank and level (test setup only). */
export async function personnelTitle(db: DataSource, rank: number, level = 'PROVINCE'): Promise<{ id: string }> {
  const [title] = await db.query(
    `INSERT INTO personnel.title (code, name, level, rank, max_holders) VALUES ($1, 'Chức danh thử', $2, $3, 99) RETURNING id`,
    [`T-${randomUUID().slice(0, 8)}`, level, rank],
  );
  return title;
}
