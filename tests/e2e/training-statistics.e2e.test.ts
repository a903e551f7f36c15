import { startE2EPlatform, type E2EPlatform } from '../support/platform';

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
