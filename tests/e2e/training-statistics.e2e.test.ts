import { demoKeys, ErrorCode, must, Role } from '@cadres/core';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

let platform: E2EPlatform;

beforeAll(async () => {
  platform = await startE2EPlatform();
}, 90_000);

afterAll(() => platform?.stop());

/** The dashboards' training questions, asked through the gateway of the demo province. */
const STATISTICS = `{
  quotaFulfilment(year: 2021) { programmeCode mode quota sent fulfilmentPercent }
  classSizeStatistics(from: "2021-01-01", to: "2023-04-30") { programmeCode mode classes trainees averageSize largestClass cap }
  refreshers: traineesByCategory(from: "2020-10-01", to: "2023-04-30", providerLevel: PROVINCIAL) { category classes trainees }
  centralCourseAttendance(from: "2020-10-01", to: "2023-04-30") { programmeCode trainees }
  selectionRatioCompliance(year: 2021) { programmeCode concentrated nonConcentrated compliant }
  providers { code country level }
}`;

interface Statistics {
  quotaFulfilment: { programmeCode: string; mode: string; quota: number; sent: number; fulfilmentPercent: number }[];
  classSizeStatistics: {
    programmeCode: string;
    mode: string;
    classes: number;
    trainees: number;
    averageSize: number;
    largestClass: number;
    cap: number;
  }[];
  refreshers: { category: string; classes: number; trainees: number }[];
  centralCourseAttendance: { programmeCode: string; trainees: number }[];
  selectionRatioCompliance: {
    programmeCode: string;
    concentrated: number;
    nonConcentrated: number;
    compliant: boolean;
  }[];
}

describe('the article’s training figures (article-figures.md), through the gateway', () => {
  let data: Statistics;
  const classes = (programmeCode: string, mode: string) =>
    data.classSizeStatistics.find((c) => c.programmeCode === programmeCode && c.mode === mode)!;

  beforeAll(async () => {
    const result = await platform.query<Statistics>(STATISTICS);
    expect(result.body.errors).toBeUndefined();
    data = result.body.data!;
  });

  it('101 cadres sent to concentrated advanced political theory in 2021–2022: 100% of the quota', () => {
    expect(data.quotaFulfilment.find((q) => q.programmeCode === 'LLCT-CAO-CAP' && q.mode === 'CONCENTRATED')).toEqual({
      programmeCode: 'LLCT-CAO-CAP',
      mode: 'CONCENTRATED',
      quota: 101,
      sent: 101,
      fulfilmentPercent: 100,
    });
  });

  it('2 non-concentrated advanced classes with the Regional Academy I: 122 trainees', () => {
    expect(classes('LLCT-CAO-CAP', 'NON_CONCENTRATED')).toMatchObject({ classes: 2, trainees: 122 });
  });

  it('14 cadres in the completion programme, and 1 master’s degree abroad (Japan)', () => {
    expect(classes('LLCT-CAO-CAP', 'COMPLETION').trainees).toBe(14);
    expect(classes('THAC-SI-NN', 'CONCENTRATED').trainees).toBe(1);
    expect(data).toMatchObject({
      providers: expect.arrayContaining([{ code: 'YNU', country: 'JP', level: 'FOREIGN' }]),
    });
  });

  it('22 intermediate classes averaging 47.0 concentrated and 70.8 non-concentrated, within the cap', () => {
    const concentrated = classes('LLCT-TRUNG-CAP', 'CONCENTRATED');
    const nonConcentrated = classes('LLCT-TRUNG-CAP', 'NON_CONCENTRATED');
    expect(concentrated.classes + nonConcentrated.classes).toBe(22);
    expect(concentrated.averageSize).toBe(47.0);
    expect(nonConcentrated.averageSize).toBe(70.8);
    expect(nonConcentrated.largestClass).toBeLessThanOrEqual(nonConcentrated.cap);
  });

  it('26 refresher classes with 1,347 trainees since the start of the term', () => {
    const refresherCategories = [
      'GRADE_COURSE',
      'LEADERSHIP',
      'COMMUNE_TITLES',
      'OFFICE_CULTURE_ETHICS',
      'ADMINISTRATIVE_REFORM',
      'PEOPLES_COUNCIL_DELEGATES',
    ];
    const refreshers = data.refreshers.filter((r) => refresherCategories.includes(r.category));
    expect(refreshers.reduce((sum, r) => sum + r.classes, 0)).toBe(26);
    expect(refreshers.reduce((sum, r) => sum + r.trainees, 0)).toBe(1347);
  });

  it('94 sent to central courses: 56 district board heads, 13 Party organisation work, 11 district secretaries, 9 defence and security', () => {
    const byProgramme = Object.fromEntries(data.centralCourseAttendance.map((c) => [c.programmeCode, c.trainees]));
    expect(data.centralCourseAttendance.reduce((sum, c) => sum + c.trainees, 0)).toBe(94);
    expect(byProgramme).toMatchObject({
      'TW-TRUONG-BAN-HUYEN': 56,
      'TW-TO-CHUC-XDD': 13,
      'TW-BI-THU-HUYEN': 11,
      'TW-QPAN-DT2': 9,
    });
  });

  it('the 1 : 1.2 concentrated : non-concentrated selection ratio is kept', () => {
    expect(data.selectionRatioCompliance).toEqual([
      { programmeCode: 'LLCT-CAO-CAP', concentrated: 101, nonConcentrated: 122, compliant: true },
    ]);
  });
});

describe('the training statistics of one org unit’s subtree (orgUnitSubtree)', () => {
  const BY_UNIT = `query ($unit: ID) {
    quotaFulfilment(year: 2021, orgUnitSubtree: $unit) { programmeCode mode orgUnitId quota nominated sent }
    classSizeStatistics(from: "2020-10-01", to: "2023-04-30", orgUnitSubtree: $unit) { programmeCode mode classes trainees }
    traineesByCategory(from: "2020-10-01", to: "2023-04-30", orgUnitSubtree: $unit) { category classes trainees }
    completionRates(from: "2020-10-01", to: "2023-04-30", orgUnitSubtree: $unit) { programmeCode completed notCompleted withdrawn }
    centralCourseAttendance(from: "2020-10-01", to: "2023-04-30", orgUnitSubtree: $unit) { programmeCode trainees }
    selectionRatioCompliance(year: 2021, orgUnitSubtree: $unit) { programmeCode concentrated nonConcentrated }
  }`;
  const trainees = (data: { traineesByCategory: { trainees: number }[] }) =>
    data.traineesByCategory.reduce((sum, row) => sum + row.trainees, 0);

  /** The province's unit (below the root) whose cadres were sent to the most classes. */
  async function busiestUnit(): Promise<string> {
    const tree = await platform.query<{ orgUnits: { children: { id: string }[] }[] }>(
      '{ orgUnits { children { id } } }',
    );
    const units = tree.body.data!.orgUnits.flatMap((root) => root.children.map((child) => child.id));
    const counts = await Promise.all(
      units.map(async (unit) => {
        const result = await platform.query<{ traineesByCategory: { trainees: number }[] }>(
          'query ($unit: ID) { traineesByCategory(orgUnitSubtree: $unit) { trainees } }',
          { unit },
        );
        return { unit, trainees: trainees(result.body.data!) };
      }),
    );
    return must(counts.sort((a, b) => b.trainees - a.trainees)[0], 'units counted').unit;
  }

  it('an ADMIN filtering by a unit sees what that unit’s own organizer sees unfiltered, fewer than the province', async () => {
    const unit = await busiestUnit();
    const organizer = await token({ role: Role.ORGANIZER, org: [unit] });
    const [filtered, scoped, province] = await Promise.all([
      platform.query<Record<string, unknown>>(BY_UNIT, { unit }),
      platform.query<Record<string, unknown>>(BY_UNIT, {}, organizer),
      platform.query<Record<string, unknown>>(BY_UNIT, {}),
    ]);
    expect(filtered.body.errors).toBeUndefined();
    expect(scoped.body.errors).toBeUndefined();
    expect(filtered.body.data).toEqual(scoped.body.data);
    const inUnit = trainees(filtered.body.data as never);
    expect(inUnit).toBeGreaterThan(0);
    expect(inUnit).toBeLessThan(trainees(province.body.data as never));
  });

  it('a scoped caller filtering by a unit outside their units gets the figures of nothing, not of that unit', async () => {
    const busiest = await busiestUnit();
    const elsewhere =
      busiest === demoKeys.orgUnitId('DB-H-DB') ? demoKeys.orgUnitId('DB-H-TG') : demoKeys.orgUnitId('DB-H-DB');
    const organizer = await token({ role: Role.ORGANIZER, org: [elsewhere] });
    const [asAdmin, asOrganizer] = await Promise.all([
      platform.query<Record<string, unknown>>(BY_UNIT, { unit: busiest }),
      platform.query<Record<string, unknown>>(BY_UNIT, { unit: busiest }, organizer),
    ]);
    expect(asOrganizer.body.errors).toBeUndefined();
    expect(trainees(asAdmin.body.data as never)).toBeGreaterThan(0);
    expect(trainees(asOrganizer.body.data as never)).toBe(0);
  });

  it('a unit id that is not an id is refused, naming the argument', async () => {
    const result = await platform.query(BY_UNIT, { unit: "1' OR '1'='1" });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});
