import { demoKeys, SeededRandom, type Logger } from '@cadres/core';
import { seedWhenEmpty } from '@cadres/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Cadre, CadreCategory, Sex } from '../modules/cadre/cadre.entity';
import { OrgUnit, OrgUnitLevel } from '../modules/org-unit/org-unit.entity';
import { Title } from '../modules/title/title.entity';

/** Districts were abolished on 1 July 2025; their units end the day before. */
const DISTRICTS_ABOLISHED = '2025-06-30';

type UnitSeed = [code: string, name: string, level: OrgUnitLevel, parent: string | null, validFrom: string, validTo?: string];

/** A fictional province modelled on Điện Biên: its organs, historic districts and new communes. */
const ORG_UNITS: UnitSeed[] = [
  ['DB', 'Tỉnh Điện Biên', OrgUnitLevel.PROVINCE, null, '2004-01-01'],
  ['DB-BTC', 'Ban Tổ chức Tỉnh ủy', OrgUnitLevel.PROVINCE, 'DB', '2004-01-01'],
  ['DB-SNV', 'Sở Nội vụ', OrgUnitLevel.PROVINCE, 'DB', '2004-01-01'],
  ['DB-SGD', 'Sở Giáo dục và Đào tạo', OrgUnitLevel.PROVINCE, 'DB', '2004-01-01'],
  ['DB-SYT', 'Sở Y tế', OrgUnitLevel.PROVINCE, 'DB', '2004-01-01'],
  ['DB-VP', 'Văn phòng UBND tỉnh', OrgUnitLevel.PROVINCE, 'DB', '2004-01-01'],
  ['DB-H-DB', 'Huyện Điện Biên', OrgUnitLevel.DISTRICT, 'DB', '2004-01-01', DISTRICTS_ABOLISHED],
  ['DB-H-MC', 'Huyện Mường Chà', OrgUnitLevel.DISTRICT, 'DB', '2004-01-01', DISTRICTS_ABOLISHED],
  ['DB-H-TG', 'Huyện Tuần Giáo', OrgUnitLevel.DISTRICT, 'DB', '2004-01-01', DISTRICTS_ABOLISHED],
  ['DB-X-MP', 'Xã Mường Phăng', OrgUnitLevel.COMMUNE, 'DB', '2025-07-01'],
  ['DB-X-TN', 'Xã Thanh Nưa', OrgUnitLevel.COMMUNE, 'DB', '2025-07-01'],
  ['DB-X-TG', 'Xã Tuần Giáo', OrgUnitLevel.COMMUNE, 'DB', '2025-07-01'],
  ['DB-P-DBP', 'Phường Điện Biên Phủ', OrgUnitLevel.COMMUNE, 'DB', '2025-07-01'],
];

type TitleSeed = [code: string, name: string, level: OrgUnitLevel, isHead: boolean, maxHolders: number];

const TITLES: TitleSeed[] = [
  ['PROV-PARTY-SECRETARY', 'Bí thư Tỉnh ủy', OrgUnitLevel.PROVINCE, true, 1],
  ['PROV-PARTY-DEPUTY', 'Phó Bí thư Tỉnh ủy', OrgUnitLevel.PROVINCE, false, 3],
  ['PROV-DEPT-DIRECTOR', 'Giám đốc Sở', OrgUnitLevel.PROVINCE, true, 1],
  ['PROV-DEPT-DEPUTY', 'Phó Giám đốc Sở', OrgUnitLevel.PROVINCE, false, 3],
  ['PROV-BOARD-HEAD', 'Trưởng ban Đảng Tỉnh ủy', OrgUnitLevel.PROVINCE, true, 1],
  ['PROV-DIVISION-HEAD', 'Trưởng phòng', OrgUnitLevel.PROVINCE, true, 1],
  ['DIST-PARTY-SECRETARY', 'Bí thư Huyện ủy', OrgUnitLevel.DISTRICT, true, 1],
  ['DIST-PEOPLES-COMMITTEE-CHAIR', 'Chủ tịch UBND huyện', OrgUnitLevel.DISTRICT, true, 1],
  ['COMM-PARTY-SECRETARY', 'Bí thư Đảng ủy xã', OrgUnitLevel.COMMUNE, true, 1],
  ['COMM-PEOPLES-COMMITTEE-CHAIR', 'Chủ tịch UBND xã', OrgUnitLevel.COMMUNE, true, 1],
  ['COMM-PEOPLES-COMMITTEE-VICE', 'Phó Chủ tịch UBND xã', OrgUnitLevel.COMMUNE, false, 2],
];

/** Family names by ethnic group, so names and ethnicity agree. */
const FAMILY_NAMES: Record<string, string[]> = {
  Thái: ['Lò', 'Quàng', 'Lường', 'Cà', 'Tòng', 'Lù'],
  Mông: ['Giàng', 'Vàng', 'Sùng', 'Mùa', 'Thào', 'Lầu'],
  Kinh: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đỗ'],
  'Khơ Mú': ['Lò', 'Quàng', 'Vì'],
  Dao: ['Triệu', 'Phàn', 'Lý', 'Đặng'],
};
/** Roughly the province's mix: Thái and Mông majorities, then Kinh. */
const ETHNIC_MIX = ['Thái', 'Thái', 'Thái', 'Mông', 'Mông', 'Kinh', 'Kinh', 'Khơ Mú', 'Dao'];
const GIVEN_NAMES: Record<Sex, string[]> = {
  [Sex.MALE]: ['An', 'Bình', 'Minh', 'Hùng', 'Thành', 'Dũng', 'Sơn', 'Chứ', 'Pọm', 'Khoa', 'Long', 'Tuấn'],
  [Sex.FEMALE]: ['Hoa', 'Lan', 'Mai', 'Hương', 'Thảo', 'Xuân', 'Dung', 'Ngọc', 'Phương'],
};
const WORKPLACES = ['DB-BTC', 'DB-SNV', 'DB-SGD', 'DB-SYT', 'DB-VP', 'DB-X-MP', 'DB-X-TN', 'DB-X-TG', 'DB-P-DBP'];
const CATEGORIES = [CadreCategory.ELECTED_CADRE, CadreCategory.CIVIL_SERVANT, CadreCategory.CIVIL_SERVANT, CadreCategory.PUBLIC_EMPLOYEE];

/** Điện Biên's province code in the personal identification number. */
const PROVINCE_ID_PREFIX = '011';

export function demoCadres(): Partial<Cadre>[] {
  const random = new SeededRandom(2023);
  const cadres: Partial<Cadre>[] = [];
  for (let n = 1; n <= demoKeys.cadreCount; n++) {
    // Cadre 1 is fixed: the README's example dossier.
    const sex = n === 1 ? Sex.MALE : random.chance(0.4) ? Sex.FEMALE : Sex.MALE;
    const ethnicity = n === 1 ? 'Thái' : random.pick(ETHNIC_MIX);
    const family = n === 1 ? 'Lò' : random.pick(FAMILY_NAMES[ethnicity]);
    const middle = sex === Sex.MALE ? 'Văn' : 'Thị';
    const given = n === 1 ? 'Minh' : random.pick(GIVEN_NAMES[sex]);
    const year = n === 1 ? 1975 : random.int(1968, 1995);
    const dateOfBirth = n === 1 ? '1975-03-12' : `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    const sexCenturyDigit = (year >= 2000 ? 2 : 0) + (sex === Sex.FEMALE ? 1 : 0);
    cadres.push({
      id: demoKeys.cadreId(n),
      fullName: `${family} ${middle} ${given}`.normalize('NFC'),
      sex,
      dateOfBirth,
      ethnicity,
      personalIdNumber: `${PROVINCE_ID_PREFIX}${sexCenturyDigit}${String(year).slice(2)}${String(n).padStart(6, '0')}`,
      category: n === 1 ? CadreCategory.ELECTED_CADRE : random.pick(CATEGORIES),
      orgUnitId: demoKeys.orgUnitId(n === 1 ? 'DB-BTC' : random.pick(WORKPLACES)),
    });
  }
  return cadres;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

async function insertDemoData(manager: EntityManager): Promise<void> {
  const units: Partial<OrgUnit>[] = ORG_UNITS.map(([code, name, level, parent, validFrom, validTo]) => ({
    id: demoKeys.orgUnitId(code),
    code,
    name,
    level,
    parentId: parent ? demoKeys.orgUnitId(parent) : null,
    validFrom,
    validTo: validTo ?? null,
  }));
  const titles: Partial<Title>[] = TITLES.map(([code, name, level, isHead, maxHolders]) => ({
    id: demoKeys.titleId(code),
    code,
    name,
    level,
    isHead,
    maxHolders,
  }));
  await manager.insert(OrgUnit, units);
  await manager.insert(Title, titles);
  await manager.insert(Cadre, demoCadres());
}

export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const seeded = await seedWhenEmpty(
    dataSource,
    'personnel',
    async (manager) => (await manager.count(Cadre)) === 0,
    insertDemoData,
  );
  if (seeded) logger.info({ cadres: demoKeys.cadreCount, orgUnits: ORG_UNITS.length }, 'demo data loaded');
}
