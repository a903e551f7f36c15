import {
  addYears,
  deterministicUuid,
  generatedKeys,
  type GeneratedCadreFacts,
  type GeneratedDataset,
  must,
  today,
} from '@cadres/core';
import type { GeneratorContext } from '@cadres/subgraph-kit';
import { Assignment } from '../modules/appointment/appointment.entity';
import { Degree, FamilyMember } from '../modules/cadre/cadre-details.entity';
import { Cadre, CadreCategory, Sex } from '../modules/cadre/cadre.entity';
import { Decision } from '../modules/decision/decision.entity';
import { Discipline, DisciplineForm } from '../modules/discipline/discipline.entity';
import { Evaluation } from '../modules/evaluation/evaluation.entity';
import { Mobility, MobilityKind } from '../modules/mobility/mobility.entity';
import { OrgUnit, OrgUnitLevel } from '../modules/org-unit/org-unit.entity';
import { CivilServiceGrade, EducationLevel } from '../modules/title/title.enums';
import { Title } from '../modules/title/title.entity';
import { personnelRules } from '../modules/rules/personnel-rules';
import { retirementDate } from '../modules/rules/retirement';
import {
  FAMILY_NAMES,
  familyOf,
  FIELDS,
  GIVEN_NAMES,
  INSTITUTIONS,
  MIDDLE_NAMES,
  RATINGS,
  RELIGIONS,
} from './demo-data';
import { DEPARTMENTS, DIVISIONS, PARTY_ORGANS } from './demo-province';

/** Cadres built and inserted together: a few MB of rows per table at a time. */
const CHUNK = 5000;
const AUTHORITY = 'Ủy ban nhân dân tỉnh Điện Biên';
const LEGAL_BASIS = 'Nghị định 138/2020/NĐ-CP về tuyển dụng, sử dụng và quản lý công chức';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const id = (kind: string, key: string) => deterministicUuid(`generated:${kind}:${key}`);

/** Staff posts (not leadership): many holders each, a career climbs through them. */
export const STAFF_TITLES = [
  { code: 'STAFF-OFFICER', name: 'Cán sự', rank: 5, grade: CivilServiceGrade.OFFICER },
  { code: 'STAFF-SPECIALIST', name: 'Chuyên viên', rank: 10, grade: CivilServiceGrade.SPECIALIST },
  { code: 'STAFF-PRINCIPAL', name: 'Chuyên viên chính', rank: 20, grade: CivilServiceGrade.PRINCIPAL_SPECIALIST },
];
const staffTitleId = (code: string) => id('title', code);
/** Every division of the demo province's organs and departments hosts some generated teams. */
const PARENT_DIVISIONS = [...PARTY_ORGANS, ...DEPARTMENTS].flatMap(([code]) =>
  DIVISIONS.map((_, i) => `${code}-P${i + 1}`),
);

/**
 * Loads a generated dataset into personnel: teams (tổ) under the demo's divisions, 25 cadres each,
 * every cadre with a record, family, a degree, two to four staff posts (the last in their own team),
 * transfers between teams, five years of evaluations and the odd discipline.
 */
export async function generatePersonnel({ dataset, insert, cadresDone, manager }: GeneratorContext): Promise<void> {
  const units = generatedKeys.unitCount(dataset);
  const parentIds = (
    await manager.query<{ id: string }[]>(`SELECT id FROM org_unit WHERE code = ANY($1) ORDER BY code`, [
      PARENT_DIVISIONS,
    ])
  ).map((u) => u.id);
  await insert(
    Title,
    STAFF_TITLES.map((t) => ({
      id: staffTitleId(t.code),
      code: t.code,
      name: t.name,
      level: OrgUnitLevel.PROVINCE,
      isHead: false,
      maxHolders: 1000,
      rank: t.rank,
      minEducation: EducationLevel.BACHELOR,
      minGrade: t.grade,
    })),
  );
  await insert(
    OrgUnit,
    Array.from({ length: units }, (_, unit) => ({
      id: generatedKeys.unitId(unit),
      code: generatedKeys.unitCode(unit),
      name: `Tổ công tác số ${unit + 1}`,
      level: OrgUnitLevel.PROVINCE,
      parentId: parentIds[unit % parentIds.length],
      validFrom: '2004-01-01',
    })),
  );
  const lastYear = Number(today().slice(0, 4)) - 1;
  const evaluationYears = [0, 1, 2, 3, 4].map((i) => lastYear - 4 + i);
  const evaluationDecisions = evaluationYears.map((year) => ({
    id: id('decision', `evaluation:${year}`),
    number: `DG-${year}/QĐ-UBND`,
    signedOn: `${year + 1}-01-10`,
    effectiveOn: `${year + 1}-01-15`,
    signingAuthority: AUTHORITY,
    legalBasis: 'Nghị định 90/2020/NĐ-CP về đánh giá, xếp loại chất lượng',
    subject: `Kết quả đánh giá, xếp loại chất lượng năm ${year} (dữ liệu sinh)`,
  }));
  await insert(Decision, evaluationDecisions);

  for (const numbers of generatedKeys.chunks(dataset, CHUNK)) {
    const chunk = new PersonnelChunk(dataset, units, evaluationYears);
    numbers.forEach((n) => chunk.add(generatedKeys.facts(dataset.seed, n)));
    await insert(Cadre, chunk.cadres);
    await insert(Degree, chunk.degrees);
    await insert(FamilyMember, chunk.family);
    await insert(Decision, chunk.decisions);
    await insert(Assignment, chunk.assignments);
    await insert(Mobility, chunk.mobility);
    await insert(Evaluation, chunk.evaluations);
    await insert(Discipline, chunk.disciplines);
    cadresDone(numbers.length);
  }
}

/** The rows of one chunk of generated cadres, each drawn from the cadre's own seeded sequence. */
export class PersonnelChunk {
  readonly cadres: Partial<Cadre>[] = [];
  readonly degrees: Partial<Degree>[] = [];
  readonly family: Partial<FamilyMember>[] = [];
  readonly decisions: Partial<Decision>[] = [];
  readonly assignments: Partial<Assignment>[] = [];
  readonly mobility: Partial<Mobility>[] = [];
  readonly evaluations: Partial<Evaluation>[] = [];
  readonly disciplines: Partial<Discipline>[] = [];

  constructor(
    private readonly dataset: GeneratedDataset,
    private readonly units: number,
    private readonly evaluationYears: number[],
  ) {}

  add(facts: GeneratedCadreFacts): void {
    const r = generatedKeys.random(this.dataset.seed, facts.number, 'personnel');
    const sex = facts.sex as Sex;
    const birthYear = Number(facts.dateOfBirth.slice(0, 4));
    const fullName =
      `${r.pick(must(FAMILY_NAMES[facts.ethnicity], 'a family-name list per seeded ethnicity'))} ${r.pick(MIDDLE_NAMES[sex])} ${r.pick(GIVEN_NAMES[sex])}`.normalize(
        'NFC',
      );
    const hiredYear = Math.min(lastHireYear(), birthYear + r.int(22, 27));
    // Young cadres have had fewer posts: at most one a year since they were hired.
    const posts = Math.max(1, Math.min(r.int(2, 4), lastHireYear() + 1 - hiredYear));
    const grade = must(STAFF_TITLES[Math.min(posts - 1, STAFF_TITLES.length - 1)], 'clamped to the list').grade;
    const partyAdmission = r.chance(0.55)
      ? `${Math.min(hiredYear + r.int(1, 6), lastHireYear())}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`
      : null;
    const hometown = `Xã ${r.pick(['Mường Phăng', 'Thanh Nưa', 'Tuần Giáo', 'Mường Chà', 'Nà Tấu', 'Quài Tở'])}, tỉnh Điện Biên`;
    const cadre: Partial<Cadre> = {
      id: facts.id,
      fullName,
      sex,
      dateOfBirth: facts.dateOfBirth,
      ethnicity: facts.ethnicity,
      personalIdNumber: personalIdNumber(facts),
      category: r.pick([
        CadreCategory.CIVIL_SERVANT,
        CadreCategory.CIVIL_SERVANT,
        CadreCategory.PUBLIC_EMPLOYEE,
        CadreCategory.PART_TIME,
      ]),
      orgUnitId: generatedKeys.unitId(facts.unit),
      placeOfBirth: hometown,
      hometown,
      religion: facts.ethnicity === 'Mông' ? r.pick(RELIGIONS) : null,
      grade,
      gradeSince: `${hiredYear + posts}-01-01` > today() ? today() : `${hiredYear + posts}-01-01`,
      partyAdmissionDate: partyAdmission,
      // Official a year after admission; still probationary (no official date) until then.
      partyOfficialDate: partyAdmission && addYears(partyAdmission, 1) <= today() ? addYears(partyAdmission, 1) : null,
      generalEducation: '12/12',
      phone: `09${pad(r.int(0, 99_999_999), 8)}`,
    };
    this.cadres.push(cadre);
    this.degrees.push({
      id: id('degree', facts.id),
      cadreId: facts.id,
      level: r.chance(0.1) ? EducationLevel.MASTER : EducationLevel.BACHELOR,
      field: r.pick(FIELDS),
      institution: r.pick(INSTITUTIONS),
      year: hiredYear - 1,
    });
    this.family.push(
      ...familyOf(r, { cadreId: facts.id, ethnicity: facts.ethnicity, birthYear, spouseChance: 0.7 }, (i) =>
        id('family', `${facts.id}:${i}`),
      ),
    );
    this.career(facts, r.int(0, 999_999), hiredYear, posts, cadre);
    this.evaluationYears.forEach((year) => {
      if (year >= hiredYear)
        this.evaluations.push({
          id: id('evaluation', `${facts.id}:${year}`),
          cadreId: facts.id,
          year,
          rating: r.pick(RATINGS),
          decisionId: id('decision', `evaluation:${year}`),
        });
    });
    if (facts.number % 67 === 0) {
      const effectiveOn = `${2020 + (facts.number % 5)}-0${1 + (facts.number % 9)}-15`;
      const decisionId = this.decision(`${facts.number}:discipline`, effectiveOn, `Thi hành kỷ luật — ${fullName}`);
      this.disciplines.push({
        id: id('discipline', facts.id),
        cadreId: facts.id,
        form: DisciplineForm.REPRIMAND,
        reason: 'Vi phạm quy chế làm việc',
        effectiveOn,
        decisionId,
      });
    }
  }

  /**
   * Posts one after another, a step up each time; earlier posts in other teams, the last in the
   * cadre's own, reached by a transfer (điều động) when the team changes.
   */
  private career(
    facts: GeneratedCadreFacts,
    draw: number,
    hiredYear: number,
    posts: number,
    cadre: Partial<Cadre>,
  ): void {
    const years = lastHireYear() + 1 - hiredYear;
    let startsOn = `${hiredYear}-${pad(1 + (draw % 12))}-01`;
    let previousUnit: number | null = null;
    // Retirement ends every post and no post is taken up after it (rule 9), as the API records it:
    // the last post begun before retirement is the one in the cadre's own team, and runs to it.
    const retires = retirementDate(personnelRules.retirementSchedule.defaultValue, facts.sex as Sex, facts.dateOfBirth);
    const plannedEnd = (post: number) =>
      `${hiredYear + Math.floor(((post + 1) * years) / posts)}-${pad(1 + ((draw >> 4) % 12))}-01`;
    let last = posts - 1;
    while (last > 0 && plannedEnd(last - 1) >= retires) last -= 1;
    for (let post = 0; post <= last; post++) {
      const own = post === last;
      const unit = own
        ? facts.unit
        : (facts.unit + 1 + ((draw + post * 7919) % Math.max(1, this.units - 1))) % this.units;
      const endsOn = own ? retires : plannedEnd(post);
      const title = must(STAFF_TITLES[Math.min(post, STAFF_TITLES.length - 1)], 'clamped to the list');
      const decisionId = this.decision(
        `${facts.number}:post:${post}`,
        startsOn,
        `${post === 0 ? 'Tuyển dụng' : 'Phân công công tác'} ${title.name} — ${cadre.fullName}`,
      );
      this.assignments.push({
        id: id('assignment', `${facts.id}:${post}`),
        cadreId: facts.id,
        titleId: staffTitleId(title.code),
        orgUnitId: generatedKeys.unitId(unit),
        startsOn,
        endsOn,
        acting: false,
        singleHolder: false,
        decisionId,
        cancelled: false,
      });
      // Only the move into today's team is recorded as a transfer, so the transfer in effect agrees with the team.
      if (own && previousUnit !== null && previousUnit !== unit && draw % 3 === 0) {
        this.mobility.push({
          id: id('mobility', `${facts.id}:${post}`),
          cadreId: facts.id,
          kind: MobilityKind.TRANSFER,
          purpose: 'Điều động theo yêu cầu nhiệm vụ',
          fromOrgUnitId: generatedKeys.unitId(previousUnit),
          toOrgUnitId: generatedKeys.unitId(unit),
          startsOn,
          plannedEndOn: null,
          decisionId,
        });
      }
      previousUnit = unit;
      if (endsOn) startsOn = endsOn;
    }
  }

  /** One decision per act; `key` (cadre number and act) makes both its id and its number unique. */
  private decision(key: string, effectiveOn: string, subject: string): string {
    const decisionId = id('decision', key);
    this.decisions.push({
      id: decisionId,
      number: `G${key}/QĐ-UBND`,
      signedOn: effectiveOn,
      effectiveOn,
      signingAuthority: AUTHORITY,
      legalBasis: LEGAL_BASIS,
      subject,
    });
    return decisionId;
  }
}

function lastHireYear(): number {
  return Number(today().slice(0, 4)) - 1;
}

/**
 * A citizen id (CCCD) in the real layout — province code, century and sex, year of birth, serial —
 * unique per cadre number: the province code and serial together encode it, and serials start
 * above the demo's so the two never meet.
 */
function personalIdNumber(facts: GeneratedCadreFacts): string {
  const birthYear = Number(facts.dateOfBirth.slice(0, 4));
  const province = 1 + (facts.number % 96);
  const serial = 10_000 + Math.floor(facts.number / 96);
  return `${pad(province, 3)}${(birthYear >= 2000 ? 2 : 0) + (facts.sex === 'FEMALE' ? 1 : 0)}${String(birthYear).slice(2)}${pad(serial, 6)}`;
}
