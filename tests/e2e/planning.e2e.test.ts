import { demoKeys } from '@cadres/core';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';

let platform: E2EPlatform;

beforeAll(async () => {
  platform = await startE2EPlatform();
}, 90_000);

afterAll(() => platform?.stop());

describe('the standards gap in the dossier', () => {
  it('returns the planning history with, for each entry, the gap computed from personnel’s and training’s data', async () => {
    const result = await platform.query<{ cadre: { planningHistory: unknown[] } }>(
      `query ($id: ID!) {
        cadre(id: $id) {
          stateManagementLevel grade
          planningHistory {
            term { code } title { name minStateManagementLevel } status
            standardsGap { meetsStandard lacking { criterion required held closingProgrammes { code name } } }
          }
        }
      }`,
      { id: demoKeys.cadreId(1) },
    );
    expect(result.body.errors).toBeUndefined();
    // Training holds PRINCIPAL_SPECIALIST for this cadre; personnel's titles require SENIOR_SPECIALIST;
    // planning names the training programme that closes the gap, and training resolves its name.
    const gap = {
      meetsStandard: false,
      lacking: [
        {
          criterion: 'STATE_MANAGEMENT',
          required: 'SENIOR_SPECIALIST',
          held: 'PRINCIPAL_SPECIALIST',
          closingProgrammes: [{ code: 'QLNN-CVCC', name: 'Bồi dưỡng quản lý nhà nước ngạch chuyên viên cao cấp' }],
        },
      ],
    };
    expect(result.body.data).toEqual({
      cadre: {
        stateManagementLevel: 'PRINCIPAL_SPECIALIST',
        grade: expect.any(String),
        planningHistory: [
          {
            term: { code: '2020-2025' },
            title: { name: 'Trưởng ban Đảng Tỉnh ủy', minStateManagementLevel: 'SENIOR_SPECIALIST' },
            status: 'EXPIRED',
            standardsGap: gap,
          },
          {
            term: { code: '2025-2030' },
            title: { name: 'Phó Bí thư Tỉnh ủy', minStateManagementLevel: 'SENIOR_SPECIALIST' },
            status: 'APPROVED',
            standardsGap: gap,
          },
        ],
      },
    });
  });
});

describe('the planning dashboards on the demo province', () => {
  it('count the article’s 447 planning entries across the four terms', async () => {
    const result = await platform.query<{ planningTermTotals: { termCode: string; entries: number }[] }>(
      `{ planningTermTotals(termCodes: ["2020-2025", "2021-2026", "2025-2030", "2026-2031"]) { termCode entries } }`,
    );
    expect(result.body.data?.planningTermTotals.reduce((sum, t) => sum + t.entries, 0)).toBe(447);
  });

  it('answer bench strength, composition, entries by title, succession risks and round changes', async () => {
    const result = await platform.query<{
      benchStrength: { candidates: number; titles: number }[];
      poolComposition: {
        cadres: number;
        young: number;
        women: number;
        ethnicMinorities: number;
        ageBrackets: { cadres: number }[];
      };
      planningEntriesByTitle: { title: { name: string }; total: number }[];
      planningRoundChanges: { roundCode: string; removals: { reason: string; count: number }[] }[];
      successionRisks: unknown[];
    }>(`{
        benchStrength(termCode: "2025-2030") { candidates titles }
        poolComposition(termCode: "2025-2030") { cadres young women ethnicMinorities ageBrackets { label cadres } meetsTargets }
        planningEntriesByTitle(termCodes: ["2025-2030"]) { title { name } level total approved }
        planningRoundChanges { roundCode additions removals { reason count } }
        successionRisks(termCode: "2026-2031") { title { name } incumbentRetiresOn }
      }`);
    expect(result.body.errors).toBeUndefined();
    const data = result.body.data!;
    expect(data.benchStrength.map((b) => b.candidates)).toEqual([0, 1, 2, 3]);
    expect(data.poolComposition.cadres).toBeGreaterThan(0);
    expect(data.poolComposition.ageBrackets.reduce((sum, b) => sum + b.cadres, 0)).toBe(data.poolComposition.cadres);
    expect(data.planningEntriesByTitle.reduce((sum, t) => sum + t.total, 0)).toBe(152);
    expect(data.planningEntriesByTitle[0]?.title.name).toBe('Bí thư Tỉnh ủy');
    expect(data.planningRoundChanges.find((r) => r.roundCode === '2020-2025/2023')?.removals.length).toBeGreaterThan(0);
    expect(Array.isArray(data.successionRisks)).toBe(true);
  });
});
