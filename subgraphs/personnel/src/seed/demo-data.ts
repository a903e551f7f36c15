import {
  addDays,
  addYears,
  demoKeys,
  deterministicUuid,
  ETHNIC_MIX,
  type Logger,
  must,
  SeededRandom,
  today,
  yearsBetween,
} from '@cadres/core';
import { insertInChunks, seedWhenEmpty } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { Appointment, AppointmentKind, Assignment } from '../modules/appointment/appointment.entity';
import { Degree, FamilyMember, FamilyRelation } from '../modules/cadre/cadre-details.entity';
import { Cadre, CadreCategory, Sex } from '../modules/cadre/cadre.entity';
import { Decision } from '../modules/decision/decision.entity';
import { Discipline, DisciplineForm } from '../modules/discipline/discipline.entity';
import { Evaluation, EvaluationRating } from '../modules/evaluation/evaluation.entity';
import { Mobility, MobilityKind } from '../modules/mobility/mobility.entity';
import { OrgUnit, OrgUnitLevel } from '../modules/org-unit/org-unit.entity';
import { personnelRules } from '../modules/rules/personnel-rules';
import { retirementDate } from '../modules/rules/retirement';
import { CivilServiceGrade, EducationLevel } from '../modules/title/title.enums';
import { Title } from '../modules/title/title.entity';
import {
  COMMUNES,
  COMMUNES_START,
  DEPARTMENTS,
  DISTRICTS,
  DISTRICTS_END,
  DIVISIONS,
  PARTY_ORGANS,
  POSTS,
  PROVINCE,
  TITLES,
} from './demo-province';

/** Family names by ethnic group, so names and ethnicity agree. */
export const FAMILY_NAMES: Record<string, string[]> = {
  Thái: ['Lò', 'Quàng', 'Lường', 'Cà', 'Tòng', 'Lù'],
  Mông: ['Giàng', 'Vàng', 'Sùng', 'Mùa', 'Thào', 'Lầu'],
  Kinh: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đỗ', 'Vũ', 'Bùi'],
  'Khơ Mú': ['Lò', 'Quàng', 'Vì'],
  Dao: ['Triệu', 'Phàn', 'Lý', 'Đặng'],
  'Hà Nhì': ['Chu', 'Pờ', 'Lò'],
};
export const MIDDLE_NAMES: Record<Sex, string[]> = {
  [Sex.MALE]: ['Văn', 'Văn', 'Đức', 'Minh', 'A'],
  [Sex.FEMALE]: ['Thị', 'Thị', 'Thu', 'Ngọc'],
};
export const GIVEN_NAMES: Record<Sex, string[]> = {
  [Sex.MALE]: [
    'An',
    'Bình',
    'Minh',
    'Hùng',
    'Thành',
    'Dũng',
    'Sơn',
    'Chứ',
    'Pọm',
    'Khoa',
    'Long',
    'Tuấn',
    'Hải',
    'Quang',
    'Trung',
    'Dế',
    'Sinh',
  ],
  [Sex.FEMALE]: ['Hoa', 'Lan', 'Mai', 'Hương', 'Thảo', 'Xuân', 'Dung', 'Ngọc', 'Phương', 'Hằng', 'Chang', 'Dợ'],
};
export const RELIGIONS = [null, null, null, null, null, null, 'Tin Lành', 'Phật giáo', 'Công giáo'];
export const FIELDS = [
  'Luật',
  'Kinh tế',
  'Quản lý nhà nước',
  'Sư phạm',
  'Nông nghiệp',
  'Y khoa',
  'Xây dựng Đảng',
  'Công nghệ thông tin',
];
export const INSTITUTIONS = [
  'Đại học Tây Bắc',
  'Học viện Hành chính Quốc gia',
  'Đại học Kinh tế Quốc dân',
  'Đại học Luật Hà Nội',
  'Học viện Chính trị Quốc gia Hồ Chí Minh',
];
export const RATINGS = [
  ...Array<EvaluationRating>(15).fill(EvaluationRating.EXCELLENT),
  ...Array<EvaluationRating>(70).fill(EvaluationRating.GOOD),
  ...Array<EvaluationRating>(13).fill(EvaluationRating.COMPLETED),
  ...Array<EvaluationRating>(2).fill(EvaluationRating.NOT_COMPLETED),
];
const STANDING_COMMITTEE = 'Ban Thường vụ Tỉnh ủy Điện Biên';
const PEOPLES_COMMITTEE = 'Ủy ban nhân dân tỉnh Điện Biên';
const PROVINCE_ID_PREFIX = '011';
const TWO_LEVEL_REFORM = 'Sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương hai cấp';

/** How many of the Standing Committee's cadres the article says were rotated in the 2020–2025 term. */
export const DEMO_ROTATIONS = 25;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const unitId = demoKeys.orgUnitId;
const titleId = demoKeys.titleId;

type Row<T> = Partial<T>;

/** Father, mother and (by chance) spouse of a cadre, their names from the cadre's people. */
export function familyOf(
  r: SeededRandom,
  cadre: { cadreId: string; ethnicity: string; birthYear: number; spouseChance: number },
  idOf: (i: number) => string,
): Row<FamilyMember>[] {
  const relatives: [FamilyRelation, number][] = [
    [FamilyRelation.FATHER, -r.int(22, 35)],
    [FamilyRelation.MOTHER, -r.int(20, 32)],
  ];
  if (r.chance(cadre.spouseChance)) relatives.push([FamilyRelation.SPOUSE, r.int(-3, 3)]);
  return relatives.map(([relation, offset], i) => ({
    id: idOf(i),
    cadreId: cadre.cadreId,
    relation,
    fullName:
      `${r.pick(must(FAMILY_NAMES[cadre.ethnicity], 'a family-name list per seeded ethnicity'))} ${relation === FamilyRelation.FATHER ? 'Văn' : 'Thị'} ${r.pick(GIVEN_NAMES[relation === FamilyRelation.FATHER ? Sex.MALE : Sex.FEMALE])}`.normalize(
        'NFC',
      ),
    birthYear: cadre.birthYear + offset,
    occupation: r.pick(['Làm ruộng', 'Hưu trí', 'Công chức', 'Giáo viên']),
  }));
}

/**
 * Builds the demo province's personnel: a few thousand cadres with careers that obey the rules
 * the API enforces (terms, reappointment, extension, single holders), generated from a fixed seed.
 */
export class DemoProvince {
  private readonly random = new SeededRandom(2023);
  private readonly schedule = personnelRules.retirementSchedule.defaultValue;
  private readonly titlesByCode = new Map(TITLES.map((t) => [t.code, t]));
  private decisionNumber = 100;

  readonly units: Row<OrgUnit>[] = [];
  readonly titles: Row<Title>[] = TITLES.map((t) => ({
    id: titleId(t.code),
    code: t.code,
    name: t.name,
    level: t.level,
    isHead: t.isHead,
    maxHolders: t.maxHolders,
    rank: t.rank,
    minPoliticalTheoryLevel: t.standard.politicalTheory ?? null,
    minStateManagementLevel: t.standard.stateManagement ?? null,
    minEducation: t.standard.education ?? null,
    minGrade: t.standard.grade ?? null,
  }));
  readonly cadres: Row<Cadre>[] = [];
  readonly degrees: Row<Degree>[] = [];
  readonly family: Row<FamilyMember>[] = [];
  readonly decisions: Row<Decision>[] = [];
  readonly assignments: Row<Assignment>[] = [];
  readonly appointments: Row<Appointment>[] = [];
  readonly mobility: Row<Mobility>[] = [];
  readonly evaluations: Row<Evaluation>[] = [];
  readonly disciplines: Row<Discipline>[] = [];

  constructor() {
    this.buildUnits();
    this.buildExampleCadre();
    this.buildLeaders();
    while (this.cadres.length < demoKeys.cadreCount) this.buildStaff();
    this.buildRotations();
    this.buildSecondments();
    this.buildEvaluationsAndDiscipline();
  }

  private unit(
    code: string,
    name: string,
    level: OrgUnitLevel,
    parent: string | null,
    validFrom: string,
    validTo: string | null = null,
  ) {
    this.units.push({
      id: unitId(code),
      code,
      name,
      level,
      parentId: parent ? unitId(parent) : null,
      validFrom,
      validTo,
    });
  }

  private buildUnits() {
    this.unit(PROVINCE.code, PROVINCE.name, OrgUnitLevel.PROVINCE, null, PROVINCE.validFrom);
    for (const [code, name] of [...PARTY_ORGANS, ...DEPARTMENTS]) {
      this.unit(code, name, OrgUnitLevel.PROVINCE, PROVINCE.code, PROVINCE.validFrom);
      DIVISIONS.forEach((division, i) =>
        this.unit(`${code}-P${i + 1}`, `${division} (${name})`, OrgUnitLevel.PROVINCE, code, PROVINCE.validFrom),
      );
    }
    for (const [code, name, validFrom] of DISTRICTS)
      this.unit(code, name, OrgUnitLevel.DISTRICT, PROVINCE.code, validFrom, DISTRICTS_END);
    for (const [code, name] of COMMUNES) this.unit(code, name, OrgUnitLevel.COMMUNE, PROVINCE.code, COMMUNES_START);
  }

  decision(effectiveOn: string, subject: string, authority = STANDING_COMMITTEE): string {
    const number = this.decisionNumber++;
    const id = deterministicUuid(`demo:decision:${number}`);
    const suffix = authority === STANDING_COMMITTEE ? 'QĐ/TU' : 'QĐ-UBND';
    this.decisions.push({
      id,
      number: `${number}-${suffix}`,
      signedOn: addDays(effectiveOn, -7),
      effectiveOn,
      signingAuthority: authority,
      legalBasis: 'Quy định 80-QĐ/TW (2022) về phân cấp quản lý cán bộ; Nghị định 138/2020/NĐ-CP',
      subject,
    });
    return id;
  }

  private newCadre(
    homeUnit: string,
    options: { leader: boolean; appointedOn?: string; fixed?: Row<Cadre> },
  ): Row<Cadre> {
    const r = this.random;
    const n = this.cadres.length + 1;
    const sex = options.fixed?.sex ?? (r.chance(options.leader ? 0.25 : 0.45) ? Sex.FEMALE : Sex.MALE);
    const ethnicity = options.fixed?.ethnicity ?? r.pick(ETHNIC_MIX);
    // Leaders are young enough to have five years left when appointed (rule 8): the oldest
    // retirement age is 62 for men and 60 for women, so six years' margin suffices.
    const youngestRetirementGap = (sex === Sex.MALE ? 62 : 60) - 6;
    const oldestLeader = Math.max(
      sex === Sex.MALE ? 1970 : 1975,
      Number((options.appointedOn ?? '2000').slice(0, 4)) - youngestRetirementGap,
    );
    const year = options.leader ? r.int(oldestLeader, 1988) : r.int(1966, 2000);
    const dateOfBirth = options.fixed?.dateOfBirth ?? `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
    const birthYear = Number(dateOfBirth.slice(0, 4));
    const fullName =
      `${r.pick(must(FAMILY_NAMES[ethnicity], 'a family-name list per seeded ethnicity'))} ${r.pick(MIDDLE_NAMES[sex])} ${r.pick(GIVEN_NAMES[sex])}`.normalize(
        'NFC',
      );
    const partyMember = options.leader || r.chance(0.55);
    const drawn = partyMember ? `${birthYear + r.int(22, 30)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : null;
    // A record holds no date still to come (issue 15, item 10: updateCadre refuses one): a young
    // cadre drawn to join after today joined last year instead.
    const admission = drawn && drawn > today() ? `${Number(today().slice(0, 4)) - 1}${drawn.slice(4)}` : drawn;
    // Official a year after admission; still probationary (no official date) until then.
    const official = admission && addYears(admission, 1) <= today() ? addYears(admission, 1) : null;
    const grade = options.leader
      ? r.pick([CivilServiceGrade.PRINCIPAL_SPECIALIST, CivilServiceGrade.SENIOR_SPECIALIST])
      : r.pick([CivilServiceGrade.SPECIALIST, CivilServiceGrade.SPECIALIST, CivilServiceGrade.OFFICER]);
    const hometown = `${r.pick(COMMUNES)[1]}, tỉnh Điện Biên`;
    const cadre: Row<Cadre> = {
      id: demoKeys.cadreId(n),
      fullName,
      sex,
      dateOfBirth,
      ethnicity,
      personalIdNumber: `${PROVINCE_ID_PREFIX}${(birthYear >= 2000 ? 2 : 0) + (sex === Sex.FEMALE ? 1 : 0)}${String(birthYear).slice(2)}${pad(n, 6)}`,
      category: options.leader
        ? CadreCategory.ELECTED_CADRE
        : r.pick([
            CadreCategory.CIVIL_SERVANT,
            CadreCategory.CIVIL_SERVANT,
            CadreCategory.PUBLIC_EMPLOYEE,
            CadreCategory.PART_TIME,
          ]),
      orgUnitId: unitId(homeUnit),
      otherNames: null,
      placeOfBirth: hometown,
      hometown,
      religion: ethnicity === 'Mông' ? r.pick(RELIGIONS) : null,
      grade,
      gradeSince: `${birthYear + r.int(28, 34)}-01-01`,
      partyAdmissionDate: admission,
      partyOfficialDate: official,
      generalEducation: '12/12',
      phone: `0215${pad(r.int(0, 999999), 6)}`,
      email: null,
      ...options.fixed,
    };
    if (cadre.gradeSince! > today()) cadre.gradeSince = today();
    this.cadres.push(cadre);
    this.degrees.push({
      id: deterministicUuid(`demo:degree:${n}`),
      cadreId: cadre.id,
      level: options.leader && r.chance(0.4) ? EducationLevel.MASTER : EducationLevel.BACHELOR,
      field: r.pick(FIELDS),
      institution: r.pick(INSTITUTIONS),
      year: birthYear + r.int(22, 30),
    });
    this.family.push(
      ...familyOf(r, { cadreId: cadre.id!, ethnicity, birthYear, spouseChance: 0.8 }, (i) =>
        deterministicUuid(`demo:family:${n}:${i}`),
      ),
    );
    return cadre;
  }

  /**
   * A post held from `startsOn`: a FIRST appointment, then reappointment or extension as each term
   * ends (a head stops after two terms), until `until` or today.
   */
  post(cadre: Row<Cadre>, unitCode: string, titleCode: string, startsOn: string, until: string | null = null) {
    const title = this.titlesByCode.get(titleCode)!;
    const assignmentId = deterministicUuid(`demo:assignment:${cadre.id}:${titleCode}:${unitCode}:${startsOn}`);
    const decisionId = this.decision(startsOn, `Bổ nhiệm ${title.name} — ${cadre.fullName}`);
    const retires = retirementDate(this.schedule, cadre.sex!, cadre.dateOfBirth!);
    const appointment = (kind: AppointmentKind, effectiveOn: string, termEndsOn: string | null, decision: string) =>
      this.appointments.push({
        id: deterministicUuid(`demo:appointment:${assignmentId}:${effectiveOn}`),
        assignmentId,
        cadreId: cadre.id,
        kind,
        effectiveOn,
        termEndsOn,
        decisionId: decision,
      });
    let termEnd = addYears(startsOn, 5);
    appointment(AppointmentKind.FIRST, startsOn, termEnd, decisionId);
    let terms = 1;
    let endsOn = until;
    const horizon = until ?? today();
    while (termEnd <= horizon && !endsOn) {
      const effectiveOn = addDays(termEnd, -30);
      const yearsLeft = yearsBetween(termEnd, retires);
      if (yearsLeft < 2) {
        appointment(
          AppointmentKind.EXTENSION_TO_RETIREMENT,
          effectiveOn,
          retires,
          this.decision(effectiveOn, `Kéo dài thời hạn giữ chức vụ — ${cadre.fullName}`),
        );
        termEnd = retires;
        endsOn = retires;
      } else if (title.isHead && terms >= 2) {
        endsOn = termEnd;
      } else {
        appointment(
          AppointmentKind.REAPPOINTMENT,
          effectiveOn,
          addYears(effectiveOn, 5),
          this.decision(effectiveOn, `Bổ nhiệm lại ${title.name} — ${cadre.fullName}`),
        );
        termEnd = addYears(effectiveOn, 5);
        terms += 1;
      }
    }
    // Retirement ends every post (rule 9), as the API records it.
    if (endsOn === null || endsOn > retires) endsOn = retires;
    this.assignments.push({
      id: assignmentId,
      cadreId: cadre.id,
      titleId: titleId(titleCode),
      orgUnitId: unitId(unitCode),
      startsOn,
      endsOn,
      acting: false,
      singleHolder: title.maxHolders === 1,
      decisionId,
      cancelled: false,
    });
  }

  move(
    cadre: Row<Cadre>,
    kind: MobilityKind,
    from: string,
    to: string,
    startsOn: string,
    plannedEndOn: string | null,
    purpose: string,
    decisionId?: string,
  ) {
    this.mobility.push({
      id: deterministicUuid(`demo:mobility:${cadre.id}:${startsOn}:${kind}`),
      cadreId: cadre.id,
      kind,
      purpose,
      fromOrgUnitId: unitId(from),
      toOrgUnitId: unitId(to),
      startsOn,
      plannedEndOn,
      decisionId:
        decisionId ??
        this.decision(
          startsOn,
          `${kind === MobilityKind.ROTATION ? 'Luân chuyển' : kind === MobilityKind.TRANSFER ? 'Điều động' : 'Biệt phái'} — ${cadre.fullName}`,
        ),
    });
  }

  /** Cadre 1, the README's example: a division head rotated to a district, now deputy head of the Organisation Board. */
  private buildExampleCadre() {
    this.unit(
      'DB-BTC-PTC',
      'Phòng Tổ chức cán bộ (Ban Tổ chức Tỉnh ủy)',
      OrgUnitLevel.PROVINCE,
      'DB-BTC',
      PROVINCE.validFrom,
    );
    const minh = this.newCadre('DB-BTC', {
      leader: true,
      fixed: {
        fullName: 'Lò Văn Minh',
        sex: Sex.MALE,
        dateOfBirth: '1975-03-12',
        ethnicity: 'Thái',
        category: CadreCategory.ELECTED_CADRE,
        partyAdmissionDate: '1998-05-19',
        partyOfficialDate: '1999-05-19',
        religion: null,
      },
    });
    this.post(minh, 'DB-BTC-PTC', 'PROV-DIVISION-HEAD', '2014-06-02', '2020-03-02');
    this.move(
      minh,
      MobilityKind.ROTATION,
      'DB-BTC',
      'DB-H-MC',
      '2020-03-02',
      '2023-03-02',
      'Luân chuyển để đào tạo, bồi dưỡng qua thực tiễn',
    );
    this.post(minh, 'DB-H-MC', 'DIST-PARTY-DEPUTY', '2020-03-02', '2023-03-02');
    this.post(minh, 'DB-BTC', 'PROV-BOARD-DEPUTY', '2023-03-02');
  }

  /** Every seat of every leadership post, each filled by a cadre hired into that unit. */
  private buildLeaders() {
    const fill = (
      unitCode: string,
      posts: [string, number][],
      from: string,
      until: string | null,
      spreadDays = 365 * 3,
    ) => {
      for (const [title, seats] of posts) {
        for (let seat = 0; seat < seats; seat++) {
          const startsOn = addDays(from, this.random.int(0, spreadDays));
          const leader = this.newCadre(unitCode, { leader: true, appointedOn: startsOn });
          this.post(leader, unitCode, title, startsOn, until);
          if (until) this.afterDistrict(leader, unitCode);
        }
      }
    };
    fill(PROVINCE.code, POSTS.province, '2016-01-04', null);
    // Cadre 1 already fills the third deputy seat of the Organisation Board.
    for (const [code] of PARTY_ORGANS) fill(code, POSTS.partyOrgan, '2016-01-04', null);
    for (const [code] of DEPARTMENTS) {
      fill(code, POSTS.department, '2016-01-04', null);
      DIVISIONS.forEach((_, i) => fill(`${code}-P${i + 1}`, POSTS.division, '2016-01-04', null));
    }
    for (const [code] of DISTRICTS) fill(code, POSTS.district, '2020-07-01', '2025-07-01');
    // The new communes' leaders took office with the reform, within weeks.
    for (const [code] of COMMUNES) fill(code, POSTS.commune, COMMUNES_START, null, 45);
  }

  private reformDecision: string | null = null;

  /** When districts were abolished, their people moved to the new communes by one decision. */
  private afterDistrict(cadre: Row<Cadre>, district: string) {
    this.reformDecision ??= this.decision(COMMUNES_START, TWO_LEVEL_REFORM, PEOPLES_COMMITTEE);
    const commune = this.random.pick(COMMUNES)[0];
    this.move(
      cadre,
      MobilityKind.TRANSFER,
      district,
      commune,
      COMMUNES_START,
      null,
      TWO_LEVEL_REFORM,
      this.reformDecision,
    );
  }

  private buildStaff() {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.4) {
      const [code] = r.pick([...PARTY_ORGANS, ...DEPARTMENTS]);
      this.newCadre(r.chance(0.5) ? code : `${code}-P${r.int(1, DIVISIONS.length)}`, { leader: false });
    } else if (roll < 0.7) {
      const [code] = r.pick(DISTRICTS);
      this.afterDistrict(this.newCadre(code, { leader: false }), code);
    } else {
      this.newCadre(r.pick(COMMUNES)[0], { leader: false });
    }
  }

  /**
   * The article's 25 rotations of cadres the Standing Committee manages (2020–2025 term): young
   * province leaders sent to districts for 36 months. Cadre 1 is the first.
   */
  private buildRotations() {
    const candidates = this.cadres.filter(
      (c) =>
        c.id !== demoKeys.cadreId(1) &&
        c.category === CadreCategory.ELECTED_CADRE &&
        c.dateOfBirth! >= '1978-01-01' &&
        !c.orgUnitId!.startsWith(unitId('DB-H')) &&
        this.units.find((u) => u.id === c.orgUnitId)?.level === OrgUnitLevel.PROVINCE,
    );
    for (let i = 0; i < DEMO_ROTATIONS - 1; i++) {
      const cadre = must(candidates[i * Math.floor(candidates.length / DEMO_ROTATIONS)], 'steps inside the candidates');
      const [district] = must(DISTRICTS[i % DISTRICTS.length], 'i modulo the length');
      const home = this.units.find((u) => u.id === cadre.orgUnitId)!.code!;
      const startsOn = `202${1 + (i % 2)}-${pad(3 + (i % 9))}-01`;
      this.move(
        cadre,
        MobilityKind.ROTATION,
        home,
        district,
        startsOn,
        addYears(startsOn, 3),
        'Luân chuyển để đào tạo, bồi dưỡng qua thực tiễn',
      );
    }
  }

  /** A dozen secondments, some ending within six months (the mobility dashboard's question). */
  private buildSecondments() {
    for (let i = 0; i < 12; i++) {
      const cadre = must(this.cadres[200 + i * 97], 'the demo has 3,000 cadres');
      const home = this.units.find((u) => u.id === cadre.orgUnitId)!.code!;
      if (!home.startsWith('DB-S')) continue;
      const startsOn = addDays(today(), -30 * (6 + i * 2));
      this.move(
        cadre,
        MobilityKind.SECONDMENT,
        home,
        'DB-SNV',
        startsOn,
        addDays(startsOn, 30 * (10 + i * 2)),
        'Biệt phái hỗ trợ chuyển đổi số',
      );
    }
  }

  private buildEvaluationsAndDiscipline() {
    const lastYear = Number(today().slice(0, 4)) - 1;
    for (let year = lastYear - 4; year <= lastYear; year++) {
      const decisionId = this.decision(`${year + 1}-01-15`, `Kết quả đánh giá, xếp loại chất lượng năm ${year}`);
      this.cadres.forEach((cadre, i) =>
        this.evaluations.push({
          id: deterministicUuid(`demo:evaluation:${i}:${year}`),
          cadreId: cadre.id,
          year,
          rating: this.random.pick(RATINGS),
          decisionId,
        }),
      );
    }
    for (let i = 0; i < this.cadres.length; i += 67) {
      const cadre = this.cadres[i + 5];
      if (!cadre) break;
      const effectiveOn = `${this.random.int(2022, 2025)}-${pad(this.random.int(1, 12))}-15`;
      const form = this.random.pick([DisciplineForm.REPRIMAND, DisciplineForm.REPRIMAND, DisciplineForm.WARNING]);
      this.disciplines.push({
        id: deterministicUuid(`demo:discipline:${cadre.id}`),
        cadreId: cadre.id,
        form,
        reason: 'Vi phạm quy chế làm việc',
        effectiveOn,
        decisionId: this.decision(effectiveOn, `Thi hành kỷ luật — ${cadre.fullName}`),
      });
    }
  }
}

export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const started = Date.now();
  const seeded = await seedWhenEmpty(
    dataSource,
    'personnel',
    async (manager) => (await manager.count(Cadre)) === 0,
    async (manager) => {
      const demo = new DemoProvince();
      await insertInChunks(manager, OrgUnit, demo.units);
      await insertInChunks(manager, Title, demo.titles);
      await insertInChunks(manager, Decision, demo.decisions);
      await insertInChunks(manager, Cadre, demo.cadres, 500);
      await insertInChunks(manager, Degree, demo.degrees);
      await insertInChunks(manager, FamilyMember, demo.family);
      await insertInChunks(manager, Assignment, demo.assignments);
      await insertInChunks(manager, Appointment, demo.appointments);
      await insertInChunks(manager, Mobility, demo.mobility);
      await insertInChunks(manager, Evaluation, demo.evaluations);
      await insertInChunks(manager, Discipline, demo.disciplines);
    },
  );
  if (seeded) logger.info({ cadres: demoKeys.cadreCount, ms: Date.now() - started }, 'demo data loaded');
}
