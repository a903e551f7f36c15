import { must, today, yearsBetween } from '@cadres/core';
import { withClient } from '@cadres/platform';
import type { GraphQLResult } from '@cadres/testing';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';

/**
 * The demo province agrees with itself (issue 15, items 2, 3 and 10): what planning says came true
 * is in the career personnel holds, nobody is planned or posted past retirement, every nomination
 * to a planned class counts against its quota within the cap, and every record can be edited
 * through the API. Each subgraph loads its own demo; this reads the three together: retirement
 * dates and careers through the gateway, and the rows the three loaded, side by side.
 */
let platform: E2EPlatform;

beforeAll(async () => {
  platform = await startE2EPlatform();
}, 180_000);

afterAll(() => platform?.stop());

const sql = <Row>(text: string, values: unknown[] = []) =>
  withClient(platform.databaseUrl, async (client) => (await client.query(text, values)).rows as Row[]);

/** Every demo cadre's retirement date, as the API computes it (paged, 200 at a time). */
async function retirementDates(): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  let after: string | null = null;
  do {
    type Page = {
      cadres: {
        edges: { node: { id: string; retirementDate: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const result: GraphQLResult<Page> = await platform.query<Page>(
      `query ($after: String) { cadres(first: 200, after: $after) { edges { node { id retirementDate } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
    for (const { node } of result.body.data.cadres.edges) dates.set(node.id, node.retirementDate);
    after = result.body.data.cadres.pageInfo.hasNextPage ? result.body.data.cadres.pageInfo.endCursor : null;
  } while (after);
  return dates;
}

describe('the demo is consistent: planning ⇄ career ⇄ retirement', () => {
  let retires: Map<string, string>;
  beforeAll(async () => {
    retires = await retirementDates();
  }, 120_000);

  it('realises each realised entry by an appointment to the planned title, in its unit, after the approval', async () => {
    const realised = await sql<{
      id: string;
      cadre_id: string;
      title_id: string;
      added_on: string;
      planned_unit: string | null;
      assignment: string | null;
      a_cadre: string;
      a_title: string;
      a_unit: string;
      starts_on: string;
      acting: boolean;
      cancelled: boolean;
    }>(
      `SELECT e.id, e.cadre_id, e.title_id, e.added_on::text, pt.org_unit_id AS planned_unit, a.id AS assignment, a.cadre_id AS a_cadre, a.title_id AS a_title,
              a.org_unit_id AS a_unit, a.starts_on::text, a.acting, a.cancelled
         FROM planning.planning_entry e
         JOIN planning.planned_title pt ON pt.id = e.planned_title_id
         LEFT JOIN personnel.assignment a ON a.id = e.realised_assignment_id
        WHERE e.status = 'REALISED'`,
    );
    expect(realised.length).toBeGreaterThan(0);
    const unmatched = realised.filter(
      (r) =>
        !(
          r.assignment &&
          r.a_cadre === r.cadre_id &&
          r.a_title === r.title_id &&
          (r.planned_unit === null || r.planned_unit === r.a_unit) &&
          !r.acting &&
          !r.cancelled &&
          r.starts_on >= r.added_on
        ),
    );
    expect(unmatched).toEqual([]);

    // Through the gateway too: each realised entry's cadre has that title in their career.
    for (const entry of realised.slice(0, 20)) {
      const result = await platform.query<{
        cadre: {
          careerHistory: { id?: string; title?: { id: string } }[];
          planningHistory: { status: string; title: { id: string } }[];
        };
      }>(
        `query ($id: ID!) { cadre(id: $id) { careerHistory { ... on Assignment { id title { id } } } planningHistory { status title { id } } } }`,
        { id: entry.cadre_id },
      );
      const { careerHistory, planningHistory } = result.body.data!.cadre;
      expect(planningHistory).toContainEqual({ status: 'REALISED', title: { id: entry.title_id } });
      expect(careerHistory).toContainEqual({ id: entry.assignment, title: { id: entry.title_id } });
    }
  });

  it('plans no one in an open term without a full term of service left at the term’s reference date (rule 15)', async () => {
    const active = await sql<{ cadre_id: string; code: string; reference: string }>(
      `SELECT e.cadre_id, t.code, COALESCE(t.age_reference_dates ->> pt.title_level, make_date(t.start_year, 1, 1)::text) AS reference
         FROM planning.planning_entry e
         JOIN planning.term t ON t.id = e.term_id
         JOIN planning.planned_title pt ON pt.id = e.planned_title_id
        WHERE e.status IN ('PROPOSED', 'APPROVED') AND t.end_year >= extract(year FROM CURRENT_DATE)`,
    );
    expect(active.length).toBeGreaterThan(200);
    const short = active.filter(
      (e) => !retires.has(e.cadre_id) || yearsBetween(e.reference, retires.get(e.cadre_id)!) < 5,
    );
    expect(short).toEqual([]);
  });

  it('keeps no candidacy open in a closed term, and every approval dated', async () => {
    expect(
      await sql(
        `SELECT e.id FROM planning.planning_entry e JOIN planning.term t ON t.id = e.term_id
          WHERE (t.end_year < extract(year FROM CURRENT_DATE) AND e.status IN ('PROPOSED', 'APPROVED'))
             OR (e.status IN ('APPROVED', 'REALISED') AND (e.added_on IS NULL OR e.added_on > CURRENT_DATE))`,
      ),
    ).toEqual([]);
  });

  it('appoints no one on or after their retirement date, and holds no post past it', async () => {
    const posts = await sql<{ cadre_id: string; starts_on: string; ends_on: string | null }>(
      `SELECT cadre_id, starts_on::text, ends_on::text FROM personnel.assignment WHERE NOT cancelled`,
    );
    const late = posts.filter((a) => {
      const retirement = retires.get(a.cadre_id);
      return (
        !retirement ||
        a.starts_on >= retirement ||
        (retirement <= today() && (a.ends_on === null || a.ends_on > retirement))
      );
    });
    expect(late).toEqual([]);
  });
});

describe('the demo is consistent: nominations and quotas (issue 15, item 2)', () => {
  it('counts every nomination to a class a plan covers against that plan’s quota, within quota × 1.2', async () => {
    const uncounted = await sql(
      `SELECT e.id FROM training.enrollment e JOIN training.training_class c ON c.id = e.class_id
        WHERE EXISTS (SELECT 1 FROM training.quota q JOIN training.training_plan p ON p.id = q.plan_id
                       WHERE p.year = extract(year FROM c.start_date) AND q.programme_id = c.programme_id AND q.mode = c.mode)
          AND (e.quota_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM training.quota q JOIN training.training_plan p ON p.id = q.plan_id
                 WHERE q.id = e.quota_id AND p.year = extract(year FROM c.start_date) AND q.programme_id = c.programme_id AND q.mode = c.mode))`,
    );
    expect(uncounted).toEqual([]);
    const over = await sql(
      `SELECT q.id, q.quota, count(e.id) AS nominees FROM training.quota q
         LEFT JOIN training.enrollment e ON e.quota_id = q.id AND e.status <> 'WITHDRAWN'
        GROUP BY q.id HAVING count(e.id) > floor(q.quota * 1.2)`,
    );
    expect(over).toEqual([]);
  });
});

describe('every demo record can be edited through the API (issue 15, item 10)', () => {
  it('updates the most recently admitted Party members without DATE_IN_FUTURE', async () => {
    const youngest = await sql<{ id: string; hometown: string; party_admission_date: string }>(
      `SELECT id, hometown, party_admission_date::text FROM personnel.cadre WHERE party_admission_date IS NOT NULL ORDER BY party_admission_date DESC, id LIMIT 10`,
    );
    expect(must(youngest[0], 'the demo has Party members').party_admission_date <= today()).toBe(true);
    for (const cadre of youngest) {
      const result = await platform.query<{
        updateCadre: {
          cadre: { id: string } | null;
          errors: { code: string; reason: string | null; field: string | null }[];
        };
      }>(
        `mutation ($id: ID!, $hometown: String) { updateCadre(id: $id, input: { hometown: $hometown }) { cadre { id } errors { code reason field } } }`,
        { id: cadre.id, hometown: cadre.hometown },
      );
      expect(result.body.data?.updateCadre).toEqual({ cadre: { id: cadre.id }, errors: [] });
    }
  });
});
