import { generatedKeys, Role } from '@cadres/core';
import {
  dropDatabase,
  freePorts,
  prepareGeneratedDatabase,
  startPlatform,
  withClient,
  type RunningPlatform,
} from '@cadres/platform';
import { postGraphQL, testDatabaseUrl } from '@cadres/testing';
import { token } from '../support/platform';
import { DOSSIER } from '../support/queries';

/** Small enough for the suite (200 generated cadres, 8 teams), large enough to span teams and cohorts. */
const DATASET = { cadres: 3200, seed: 7 };
/** A name of this run's own, so that two test runs on one server never share it. */
const DATABASE = `cadres_gen_test_${process.pid}_${Date.now().toString(36)}`;
const serverUrl = testDatabaseUrl();
const quiet = () => undefined;

/** What the generator produced, as one hash per table (timestamps of the load itself left out). */
const FINGERPRINTS = {
  cadres:
    'SELECT id, full_name, sex, date_of_birth, ethnicity, personal_id_number, org_unit_id, phone FROM personnel.cadre',
  assignments: 'SELECT id, cadre_id, title_id, org_unit_id, starts_on, ends_on, decision_id FROM personnel.assignment',
  evaluations: 'SELECT id, cadre_id, year, rating FROM personnel.evaluation',
  enrollments: 'SELECT id, cadre_id, class_id, status, result_rating FROM training.enrollment',
  qualifications: 'SELECT id, cadre_id, kind, level, enrollment_id FROM training.qualification',
  planning: 'SELECT id, cadre_id, planned_title_id, status, readiness, candidate_rank FROM planning.planning_entry',
};

function fingerprint(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (client) => {
    const hashes: Record<string, string> = {};
    for (const [table, select] of Object.entries(FINGERPRINTS)) {
      const { rows } = await client.query<{ hash: string; count: string }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS hash, count(*) AS count FROM (${select}) t`,
      );
      const [row] = rows; // an aggregate: one row
      hashes[table] = `${row?.count}:${row?.hash}`;
    }
    return hashes;
  });
}

let databaseUrl: string;
let first: Record<string, string>;
let second: Record<string, string>;

beforeAll(async () => {
  await dropDatabase(serverUrl, DATABASE);
  databaseUrl = (await prepareGeneratedDatabase(serverUrl, DATASET, quiet, { progressBar: false, database: DATABASE }))
    .databaseUrl;
  first = await fingerprint(databaseUrl);
  await dropDatabase(serverUrl, DATABASE);
  await prepareGeneratedDatabase(serverUrl, DATASET, quiet, { progressBar: false, database: DATABASE });
  second = await fingerprint(databaseUrl);
}, 240_000);

afterAll(() => dropDatabase(serverUrl, DATABASE));

describe('the data generator', () => {
  it('gives the same data for the same seed, table by table', () => {
    expect(second).toEqual(first);
    // 200 cadres, each with a record, posts, evaluations, enrollments; most teams' posts planned.
    expect(Number(first.cadres?.split(':')[0])).toBe(DATASET.cadres);
    for (const table of Object.keys(FINGERPRINTS)) expect(Number(first[table]?.split(':')[0])).toBeGreaterThan(0);
  });

  it('draws other cadres from another seed', () => {
    const number = generatedKeys.firstCadre + 10;
    const facts = Array.from({ length: 20 }, (_, seed) => generatedKeys.facts(seed, number));
    expect(new Set(facts.map((f) => f.dateOfBirth)).size).toBeGreaterThan(10);
    expect(generatedKeys.facts(DATASET.seed, number)).toEqual(generatedKeys.facts(DATASET.seed, number));
  });

  it('keeps every career consistent: one last post, in the cadre’s own team, running to retirement', async () => {
    // Retirement ends every post (issue 15, item 5): the last post ends on the retirement date, the latest end of all.
    const offenders = await withClient(
      databaseUrl,
      async (client) =>
        (
          await client.query(`
          SELECT c.id FROM personnel.cadre c
          JOIN personnel.org_unit u ON u.id = c.org_unit_id AND u.code LIKE 'GEN-%'
          LEFT JOIN personnel.assignment a ON a.cadre_id = c.id AND a.org_unit_id = c.org_unit_id
           AND a.ends_on = (SELECT max(ends_on) FROM personnel.assignment WHERE cadre_id = c.id)
          GROUP BY c.id HAVING count(a.id) <> 1 OR bool_or(a.ends_on IS NULL)`)
        ).rowCount,
    );
    expect(offenders).toBe(0);
  });

  describe('through the gateway', () => {
    let platform: RunningPlatform;

    beforeAll(async () => {
      platform = await startPlatform({
        databaseUrl,
        ports: await freePorts(),
        seedDemoData: false,
        stdio: 'pipe',
        env: { LOG_LEVEL: 'warn', NODE_ENV: 'test' },
      });
    }, 90_000);

    afterAll(() => platform?.stop());

    it('returns a generated cadre’s dossier with career, training and team', async () => {
      const number = generatedKeys.firstCadre + 60;
      const result = await postGraphQL<{
        cadre: { orgUnit: { name: string }; careerHistory: unknown[]; trainingHistory: { status: string }[] };
      }>(
        `${platform.gatewayUrl}/graphql`,
        DOSSIER,
        { id: generatedKeys.cadreId(number) },
        { authorization: `Bearer ${await token({ role: Role.ADMIN })}` },
      );
      expect(result.body.errors).toBeUndefined();
      const cadre = result.body.data!.cadre;
      expect(cadre.orgUnit.name).toBe(`Tổ công tác số ${generatedKeys.unitOf(number) + 1}`);
      expect(cadre.careerHistory.length).toBeGreaterThanOrEqual(1);
      expect(cadre.trainingHistory.length).toBeGreaterThanOrEqual(2);
    });
  });
});
