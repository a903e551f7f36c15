import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Cadre, CadreCategory, Sex } from '../src/modules/cadre/cadre.entity';
import { OrgUnit, OrgUnitLevel } from '../src/modules/org-unit/org-unit.entity';
import { Title } from '../src/modules/title/title.entity';

/** A personal ID number unlikely to collide with another test's: 12 random digits. */
export function personalIdNumber(): string {
  return String(randomInt(10 ** 11, 10 ** 12 - 1));
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
