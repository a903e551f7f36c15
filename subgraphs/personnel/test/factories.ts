import { useRowFactory } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PERSONNEL_SCHEMA, personnelEntities } from '../src/entities';
import { Assignment } from '../src/modules/appointment/appointment.entity';
import { Degree } from '../src/modules/cadre/cadre-details.entity';
import { Cadre, CadreCategory, Sex } from '../src/modules/cadre/cadre.entity';
import { Decision } from '../src/modules/decision/decision.entity';
import { DisciplineForm, Discipline } from '../src/modules/discipline/discipline.entity';
import { Evaluation, EvaluationRating } from '../src/modules/evaluation/evaluation.entity';
import { OrgUnit, OrgUnitLevel } from '../src/modules/org-unit/org-unit.entity';
import { Title } from '../src/modules/title/title.entity';
import { EducationLevel } from '../src/modules/title/title.enums';

/** A personal ID number unlikely to collide with another test's: 12 random digits. */
export function personalIdNumber(): string {
  return String(randomInt(10 ** 11, 10 ** 12 - 1));
}

/** A personal ID number consistent with sex and birth date (its century digit), unlikely to collide. */
export function matchingPersonalId(sex: Sex, dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryDigit = (Math.floor(year / 100) - 19) * 2 + (sex === Sex.FEMALE ? 1 : 0);
  return `011${centuryDigit}${dateOfBirth.slice(2, 4)}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
}

export async function createOrgUnit(dataSource: DataSource, overrides: Partial<OrgUnit> = {}): Promise<OrgUnit> {
  const code = `T-${randomUUID().slice(0, 8)}`;
  return dataSource.getRepository(OrgUnit).save({
    code,
    name: `Đơn vị thử ${code}`,
    level: OrgUnitLevel.PROVINCE,
    parentId: null,
    validFrom: '2004-01-01',
    validTo: null,
    ...overrides,
  });
}

export async function createTitle(dataSource: DataSource, overrides: Partial<Title> = {}): Promise<Title> {
  const code = `T-${randomUUID().slice(0, 8)}`;
  return dataSource
    .getRepository(Title)
    .save({ code, name: `Chức danh ${code}`, level: OrgUnitLevel.PROVINCE, isHead: true, maxHolders: 1, ...overrides });
}

export function cadreFields(orgUnitId: string, overrides: Partial<Cadre> = {}): Partial<Cadre> {
  return {
    fullName: 'Lò Văn Thử',
    sex: Sex.MALE,
    dateOfBirth: '1980-05-17',
    ethnicity: 'Thái',
    personalIdNumber: personalIdNumber(),
    category: CadreCategory.CIVIL_SERVANT,
    orgUnitId,
    ...overrides,
  };
}

/** `count` cadres in `orgUnitId`, inserted in one statement. */
export async function createCadres(
  dataSource: DataSource,
  orgUnitId: string,
  count: number,
  overrides: Partial<Cadre> = {},
): Promise<Cadre[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    cadreFields(orgUnitId, { fullName: `Lò Văn Thử ${i}`, ...overrides }),
  );
  const result = await dataSource.getRepository(Cadre).insert(rows);
  return rows.map((row, i) => ({ ...row, id: result.identifiers[i]?.id }) as Cadre);
}

/** Options as the enums' values, so that other subgraphs' tests write them as they read them in the API. */
export interface CadreRecordOptions {
  sex?: `${Sex}`;
  dateOfBirth?: string;
  ethnicity?: string;
  partyMember?: boolean;
  degree?: `${EducationLevel}` | null;
  /** Ratings of the last years, most recent first. */
  ratings?: `${EvaluationRating}`[];
  /** Rank of a fresh title the cadre holds from 2020-01-02; null: no title. */
  titleRank?: number | null;
  /** Level of that title, and of the cadre's unit. */
  titleLevel?: `${OrgUnitLevel}`;
  /** An existing title to hold instead of a fresh one (the cadre's unit is of its level). */
  titleId?: string;
  disciplines?: { form: `${DisciplineForm}`; effectiveOn: string }[];
}

export interface SeededCadre {
  id: string;
  orgUnitId: string;
  /** As a spreadsheet names the cadre (imports key on it). */
  personalIdNumber: string;
  fullName: string;
}

/**
 * Personnel's rows for tests, inserted through personnel's own entities: a cadre's whole record
 * (unit, degree, ratings, discipline, a post) in one call. Personnel's tests use it on their
 * subgraph's data source; the other subgraphs' tests seed the personnel facts their rules ask
 * personnel's API for through `usePersonnelFactory`, never by writing personnel's tables themselves.
 */
export class PersonnelFactory {
  constructor(private readonly dataSource: DataSource) {}

  /** A title of a rank and level with seats for many (no single-holder conflicts between tests). */
  title(rank: number, level: `${OrgUnitLevel}` = OrgUnitLevel.PROVINCE): Promise<Title> {
    return createTitle(this.dataSource, {
      name: 'Chức danh thử',
      level: level as OrgUnitLevel,
      rank,
      isHead: false,
      maxHolders: 99,
    });
  }

  /** A unit of a level, with a code of its own (a title may be planned for one unit). */
  unit(level: `${OrgUnitLevel}` = OrgUnitLevel.PROVINCE): Promise<OrgUnit> {
    return createOrgUnit(this.dataSource, { level: level as OrgUnitLevel });
  }

  decision(effectiveOn: string, subject = 'Thử'): Promise<Decision> {
    return this.dataSource.getRepository(Decision).save({
      number: randomUUID(),
      signedOn: effectiveOn,
      signingAuthority: 'Ban Thường vụ Tỉnh ủy',
      legalBasis: 'Thử',
      effectiveOn,
      subject,
    });
  }

  /** A cadre with a full record; by default a Thái Party member of 1985 with a bachelor's degree, rated GOOD then EXCELLENT, in a rank-50 provincial post. */
  async cadre(options: CadreRecordOptions = {}): Promise<SeededCadre> {
    const {
      dateOfBirth = '1985-05-05',
      ethnicity = 'Thái',
      partyMember = true,
      degree = EducationLevel.BACHELOR,
      ratings = [EvaluationRating.GOOD, EvaluationRating.EXCELLENT],
      titleRank = 50,
      titleLevel = OrgUnitLevel.PROVINCE,
    } = options;
    const sex = (options.sex ?? Sex.MALE) as Sex;
    const year = Number(dateOfBirth.slice(0, 4));
    const given = options.titleId
      ? await this.dataSource.getRepository(Title).findOneByOrFail({ id: options.titleId })
      : null;
    // A title is held only in units of its level.
    const unit = await createOrgUnit(this.dataSource, {
      name: 'Đơn vị thử',
      level: given?.level ?? (titleLevel as OrgUnitLevel),
    });
    const cadre = await this.dataSource.getRepository(Cadre).save({
      fullName: 'Cán bộ thử',
      sex,
      dateOfBirth,
      ethnicity,
      personalIdNumber: matchingPersonalId(sex, dateOfBirth),
      category: CadreCategory.CIVIL_SERVANT,
      orgUnitId: unit.id,
      partyAdmissionDate: partyMember ? `${year + 25}-01-01` : null,
    });
    if (degree)
      await this.dataSource.getRepository(Degree).save({
        cadreId: cadre.id,
        level: degree as EducationLevel,
        field: 'Luật',
        institution: 'Đại học Luật',
        year: year + 22,
      });
    const decision = await this.decision('2020-01-02');
    const lastYear = new Date().getUTCFullYear() - 1;
    if (ratings.length)
      await this.dataSource.getRepository(Evaluation).insert(
        ratings.map((rating, i) => ({
          cadreId: cadre.id,
          year: lastYear - i,
          rating: rating as EvaluationRating,
          decisionId: decision.id,
        })),
      );
    if (options.disciplines?.length)
      await this.dataSource.getRepository(Discipline).insert(
        options.disciplines.map((d) => ({
          cadreId: cadre.id,
          form: d.form as DisciplineForm,
          reason: 'Thử',
          effectiveOn: d.effectiveOn,
          decisionId: decision.id,
        })),
      );
    const titleId = options.titleId ?? (titleRank === null ? null : (await this.title(titleRank, titleLevel)).id);
    if (titleId) await this.assignment(cadre.id, titleId, '2020-01-02', { decisionId: decision.id });
    return { id: cadre.id, orgUnitId: unit.id, personalIdNumber: cadre.personalIdNumber, fullName: cadre.fullName };
  }

  /** The unit the cadre belongs to. */
  async unitOf(cadreId: string): Promise<string> {
    return (await this.dataSource.getRepository(Cadre).findOneByOrFail({ id: cadreId })).orgUnitId;
  }

  /** A holding of `titleId` in the cadre's unit from `startsOn`, on a decision of its own unless one is given. */
  async assignment(
    cadreId: string,
    titleId: string,
    startsOn: string,
    fields: Partial<Pick<Assignment, 'acting' | 'cancelled' | 'decisionId'>> = {},
  ): Promise<Assignment> {
    const cadre = await this.dataSource.getRepository(Cadre).findOneByOrFail({ id: cadreId });
    return this.dataSource.getRepository(Assignment).save({
      cadreId,
      titleId,
      orgUnitId: cadre.orgUnitId,
      startsOn,
      singleHolder: false,
      acting: false,
      cancelled: false,
      decisionId: fields.decisionId ?? (await this.decision(startsOn, 'Bổ nhiệm')).id,
      ...fields,
    });
  }
}

/**
 * Personnel's factory for another subgraph's integration tests, on the test file's database from
 * its beforeAll to its afterAll. The subgraph under test still reads these rows only through
 * personnel's API.
 */
export function usePersonnelFactory(): () => PersonnelFactory {
  return useRowFactory(PERSONNEL_SCHEMA, personnelEntities, (dataSource) => new PersonnelFactory(dataSource));
}
