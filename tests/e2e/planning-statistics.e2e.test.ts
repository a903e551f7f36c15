import { demoKeys, ErrorCode, must, Role } from '@cadres/core';
import { withClient } from '@cadres/platform';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

let platform: E2EPlatform;

beforeAll(async () => {
  platform = await startE2EPlatform();
}, 180_000);

afterAll(() => platform?.stop());

const sql = <Row>(text: string, values: unknown[] = []) =>
  withClient(platform.databaseUrl, async (client) => (await client.query(text, values)).rows as Row[]);

const TERM = '2025-2030';
const BY_UNIT = `query ($term: String!, $unit: ID) {
  benchStrength(termCode: $term, orgUnitSubtree: $unit) { candidates titles }
  poolComposition(termCode: $term, orgUnitSubtree: $unit) { cadres young women ethnicMinorities }
  successionRisks(termCode: $term, orgUnitSubtree: $unit) { plannedTitleId incumbentId }
  planningRoundChanges(termCode: $term, orgUnitSubtree: $unit) { roundCode additions flagged }
  planningTermTotals(termCodes: [$term], orgUnitSubtree: $unit) { termCode entries cadres }
  planningEntriesByTitle(termCodes: [$term], orgUnitSubtree: $unit) { level total }
}`;

interface Figures {
  benchStrength: { candidates: number; titles: number }[];
  poolComposition: { cadres: number; young: number; women: number; ethnicMinorities: number };
  successionRisks: { plannedTitleId: string; incumbentId: string }[];
  planningRoundChanges: { roundCode: string; additions: number; flagged: number }[];
  planningTermTotals: { termCode: string; entries: number; cadres: number }[];
  planningEntriesByTitle: { level: string; total: number }[];
}

const figures = async (unit: string | null, bearer?: string) => {
  const result = await platform.query<Figures>(BY_UNIT, { term: TERM, unit }, bearer);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!;
};

// Counted straight from the tables, apart from the statistics' SQL and tallies.
const SUBTREE = `SELECT array_agg(id) AS ids FROM personnel.org_unit WHERE path && ARRAY[$1]::uuid[]`;
const DIRECT_POOL = `
  SELECT count(DISTINCT e.cadre_id)::int AS cadres
    FROM planning.planning_entry e JOIN planning.planned_title p ON p.id = e.planned_title_id JOIN planning.term t ON t.id = e.term_id
   WHERE t.code = $1 AND planning.is_candidate(e.status) AND e.cadre_date_of_birth IS NOT NULL
     AND e.cadre_org_unit_id = ANY($2) AND (p.org_unit_id IS NULL OR p.org_unit_id = ANY($2))`;
const DIRECT_BENCH = `
  SELECT least(p.active_candidates, 3) AS candidates, count(*)::int AS titles
    FROM planning.planned_title p JOIN planning.term t ON t.id = p.term_id
   WHERE t.code = $1 AND p.org_unit_id = ANY($2) GROUP BY 1`;
const DIRECT_ENTRIES = `
  SELECT count(*)::int AS entries
    FROM planning.planning_entry e JOIN planning.planned_title p ON p.id = e.planned_title_id JOIN planning.term t ON t.id = e.term_id
   WHERE t.code = $1 AND e.cadre_org_unit_id = ANY($2) AND (p.org_unit_id IS NULL OR p.org_unit_id = ANY($2))`;

/**
 * The province's unit (below the root) with the most active candidacies of the term that its figures
 * count: its own cadres' for its own titles or the province's own (no unit).
 */
async function busiestUnit(): Promise<string> {
  const [busiest] = await sql<{ id: string }>(
    `SELECT u.id FROM personnel.org_unit u
       JOIN personnel.org_unit root ON root.id = u.parent_id AND root.parent_id IS NULL
       JOIN personnel.org_unit below ON below.path && ARRAY[u.id]
       JOIN planning.planning_entry e ON e.cadre_org_unit_id = below.id AND planning.is_candidate(e.status)
       JOIN planning.term t ON t.id = e.term_id AND t.code = $1
       JOIN planning.planned_title p ON p.id = e.planned_title_id
      WHERE p.org_unit_id IS NULL OR p.org_unit_id IN (SELECT id FROM personnel.org_unit WHERE path && ARRAY[u.id])
      GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1`,
    [TERM],
  );
  return must(busiest, 'a unit with candidacies').id;
}

describe('the planning statistics of one org unit’s subtree (orgUnitSubtree)', () => {
  it('equal a direct count of that subtree’s candidates and titles, fewer than the province’s', async () => {
    const unit = await busiestUnit();
    const [subtree] = await sql<{ ids: string[] }>(SUBTREE, [unit]);
    const { ids } = must(subtree, 'the unit’s subtree');
    const [filtered, province, [pool = { cadres: 0 }], bench, [entries = { entries: 0 }]] = await Promise.all([
      figures(unit),
      figures(null),
      sql<{ cadres: number }>(DIRECT_POOL, [TERM, ids]),
      sql<{ candidates: number; titles: number }>(DIRECT_BENCH, [TERM, ids]),
      sql<{ entries: number }>(DIRECT_ENTRIES, [TERM, ids]),
    ]);
    expect(filtered.poolComposition.cadres).toBe(pool.cadres);
    expect(pool.cadres).toBeGreaterThan(0);
    expect(pool.cadres).toBeLessThan(province.poolComposition.cadres);
    expect(filtered.benchStrength).toEqual(
      [0, 1, 2, 3].map((n) => ({ candidates: n, titles: bench.find((b) => b.candidates === n)?.titles ?? 0 })),
    );
    expect(filtered.planningTermTotals[0]?.entries).toBe(entries.entries);
    expect(filtered.planningEntriesByTitle.reduce((sum, row) => sum + row.total, 0)).toBe(entries.entries);
  });

  it('an ADMIN filtering by a unit sees what that unit’s organizer sees filtered by it', async () => {
    const unit = await busiestUnit();
    const organizer = await token({ role: Role.ORGANIZER, org: [unit] });
    expect(await figures(unit, organizer)).toEqual(await figures(unit));
  });

  it('a unit outside an organizer’s units gives the figures of nothing, not of that unit', async () => {
    const busiest = await busiestUnit();
    const elsewhere =
      busiest === demoKeys.orgUnitId('DB-H-DB') ? demoKeys.orgUnitId('DB-H-TG') : demoKeys.orgUnitId('DB-H-DB');
    const organizer = await token({ role: Role.ORGANIZER, org: [elsewhere] });
    const [asAdmin, asOrganizer] = await Promise.all([figures(busiest), figures(busiest, organizer)]);
    expect(asAdmin.poolComposition.cadres).toBeGreaterThan(0);
    expect(asOrganizer.poolComposition).toEqual({ cadres: 0, young: 0, women: 0, ethnicMinorities: 0 });
    expect(asOrganizer.benchStrength.every((b) => b.titles === 0)).toBe(true);
    expect(asOrganizer.successionRisks).toEqual([]);
    expect(asOrganizer.planningRoundChanges.every((r) => r.additions === 0 && r.flagged === 0)).toBe(true);
    expect(asOrganizer.planningTermTotals).toEqual([{ termCode: TERM, entries: 0, cadres: 0 }]);
    expect(asOrganizer.planningEntriesByTitle).toEqual([]);
  });

  it('a unit id that is not an id is refused, naming the argument', async () => {
    const result = await platform.query(BY_UNIT, { term: TERM, unit: "1' OR '1'='1" });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});

// Last: it stops personnel for the rest of the file.
describe('with personnel, which owns the org tree, stopped', () => {
  it('a filtered statistic is refused as a dependency failure, not computed over the wrong units', async () => {
    const unit = await busiestUnit();
    process.kill(platform.pids.personnel!, 'SIGKILL');
    const result = await platform.query(
      'query ($term: String!, $unit: ID) { poolComposition(termCode: $term, orgUnitSubtree: $unit) { cadres } }',
      { term: TERM, unit },
    );
    expect(result.body.data?.poolComposition ?? null).toBeNull();
    expect(result.body.errors?.[0]?.extensions).toMatchObject({
      code: ErrorCode.DEPENDENCY_UNAVAILABLE,
      reason: 'PERSONNEL_CHECK_UNAVAILABLE',
    });
  });
});
