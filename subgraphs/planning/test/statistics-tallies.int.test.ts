/**
 * Issue 15, statistics at national scale: the bench-strength and pool tallies the triggers keep
 * (migration StatisticsTallies) must equal a full recount after any mix of writes, made
 * concurrently. The recount is the SQL the statistics ran before the tallies, kept here.
 */
import { SeededRandom } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { planningSubgraph } from '../src/subgraph';

const harness = useSubgraphHarness(planningSubgraph);

const db = () => harness.subgraph.dataSource;

/** The statistics' SQL before the tallies (`$2`: the caller's units, null for all). */
const RECOUNT_BENCH = `
  SELECT n.candidates, count(p.id)::int AS titles
    FROM generate_series(0, 3) AS n(candidates)
    LEFT JOIN planned_title p ON p.term_id = $1 AND least(p.active_candidates, 3) = n.candidates
         AND ($2::uuid[] IS NULL OR (p.org_unit_id IS NULL AND $3::boolean) OR p.org_unit_id = ANY($2::uuid[]))
   GROUP BY n.candidates ORDER BY n.candidates`;
const RECOUNT_POOL = `
  WITH pool AS (
    SELECT DISTINCT ON (e.cadre_id) e.cadre_id, e.cadre_sex AS sex, e.cadre_ethnicity AS ethnicity,
           extract(year FROM age(CAST($2 AS date), e.cadre_date_of_birth))::int AS age
      FROM planning_entry e
     WHERE e.term_id = $1 AND is_candidate(e.status) AND e.cadre_date_of_birth IS NOT NULL)
  SELECT count(*)::int AS cadres, count(*) FILTER (WHERE age < $3)::int AS young,
         count(*) FILTER (WHERE sex = 'FEMALE')::int AS women, count(*) FILTER (WHERE ethnicity <> 'Kinh')::int AS "ethnicMinorities",
         count(*) FILTER (WHERE age < $3)::int AS b0, count(*) FILTER (WHERE age >= $3 AND age < $3 + $4)::int AS b1,
         count(*) FILTER (WHERE age >= $3 + $4 AND age < $3 + 2 * $4)::int AS b2, count(*) FILTER (WHERE age >= $3 + 2 * $4)::int AS b3
    FROM pool`;

const NOT_REMOVED = 'removal_reason = NULL, removed_decision_number = NULL, removed_on = NULL';

describe('the planning tallies behind bench strength and pool composition', () => {
  it('equal a full recount after a seeded random mix of concurrent additions, approvals, removals, deletions and corrections', async () => {
    const random = new SeededRandom(15);
    const pick = <T>(items: T[]): T => random.pick(items);
    const units = [randomUUID(), randomUUID(), randomUUID()];
    const terms: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [term] = await db().query(
        `INSERT INTO term (code, track, start_year, end_year) VALUES ($1, 'PARTY', 2030, 2035) RETURNING id`,
        [`S-${randomUUID().slice(0, 8)}`],
      );
      terms.push(term.id);
    }
    /** Cadres with the facts personnel gives (some without a date of birth, some with no ethnicity). */
    const cadres = Array.from({ length: 30 }, () => ({
      id: randomUUID(),
      sex: random.next() < 0.4 ? 'FEMALE' : 'MALE',
      ethnicity: pick(['Kinh', 'Kinh', 'Thái', 'Mông', null]),
      dateOfBirth:
        random.next() < 0.9
          ? `19${60 + Math.floor(random.next() * 35)}-0${1 + Math.floor(random.next() * 9)}-15`
          : null,
    }));
    const plannedTitles: { id: string; titleId: string; termId: string }[] = [];
    const planTitle = async () => {
      const termId = pick(terms);
      const titleId = randomUUID();
      const [row] = await db().query(
        `INSERT INTO planned_title (term_id, title_id, org_unit_id, title_level, title_rank, max_candidates) VALUES ($1, $2, $3, 'COMMUNE', 1, 1000) RETURNING id`,
        [termId, titleId, random.next() < 0.25 ? null : pick(units)],
      );
      plannedTitles.push({ id: row.id, titleId, termId });
    };
    for (let i = 0; i < 8; i++) await planTitle();
    const entryIds: string[] = [];

    /** One write as users make them, chosen by the seeded random; each in its own transaction. */
    const write = async (): Promise<void> => {
      const r = random.next();
      const entry = entryIds.length ? pick(entryIds) : null;
      if (r < 0.35 || !entry) {
        const title = pick(plannedTitles);
        const cadre = pick(cadres);
        const [row] = await db().query(
          `INSERT INTO planning_entry (cadre_id, title_id, term_id, planned_title_id, status, cadre_sex, cadre_date_of_birth, cadre_ethnicity, cadre_org_unit_id)
           VALUES ($1, $2, $3, $4, 'PROPOSED', $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
          [cadre.id, title.titleId, title.termId, title.id, cadre.sex, cadre.dateOfBirth, cadre.ethnicity, pick(units)],
        );
        if (row) entryIds.push(row.id);
      } else if (r < 0.5) {
        await db().query(
          `UPDATE planning_entry SET status = 'APPROVED', ${NOT_REMOVED}, added_decision_number = '1-QĐ/TU', added_on = CURRENT_DATE WHERE id = $1`,
          [entry],
        );
      } else if (r < 0.62) {
        await db().query(
          `UPDATE planning_entry SET status = 'REMOVED', removal_reason = 'OTHER', removed_decision_number = '2-QĐ/TU', removed_on = CURRENT_DATE WHERE id = $1`,
          [entry],
        );
      } else if (r < 0.68) {
        await db().query(`UPDATE planning_entry SET status = 'EXPIRED', ${NOT_REMOVED} WHERE id = $1`, [entry]);
      } else if (r < 0.76) {
        await db().query(`UPDATE planning_entry SET status = 'PROPOSED', ${NOT_REMOVED} WHERE id = $1`, [entry]);
      } else if (r < 0.84) {
        await db().query(`DELETE FROM planning_entry WHERE id = $1`, [entry]);
      } else if (r < 0.9) {
        // Personnel corrects a cadre's facts; every entry of theirs is brought up to date.
        const cadre = pick(cadres);
        cadre.dateOfBirth = random.next() < 0.8 ? `19${60 + Math.floor(random.next() * 35)}-06-01` : null;
        cadre.sex = random.next() < 0.5 ? 'FEMALE' : 'MALE';
        await db().query(`UPDATE planning_entry SET cadre_date_of_birth = $2, cadre_sex = $3 WHERE cadre_id = $1`, [
          cadre.id,
          cadre.dateOfBirth,
          cadre.sex,
        ]);
      } else if (r < 0.95) {
        await planTitle();
      } else {
        const title = pick(plannedTitles);
        await db().query(
          `DELETE FROM planned_title p WHERE id = $1 AND NOT EXISTS (SELECT FROM planning_entry e WHERE e.planned_title_id = p.id)`,
          [title.id],
        );
      }
    };
    // Eight at a time on separate connections, so the triggers' upserts meet on the same tally rows.
    // A title deleted while another connection adds an entry to it refuses one of the two (foreign
    // key): a refused write, rolled back, which the tallies must not count either.
    const refusedByForeignKey = (error: Error & { driverError?: { code?: string } }) => {
      if (error.driverError?.code !== '23503') throw error;
    };
    for (let round = 0; round < 50; round++)
      await Promise.all(Array.from({ length: 8 }, () => write().catch(refusedByForeignKey)));
    // A transaction that rolls back leaves the tallies as they were.
    await db()
      .transaction(async (manager) => {
        await manager.query(`UPDATE planning_entry SET status = 'EXPIRED' WHERE term_id = ANY($1)`, [terms]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    // Personnel's facts of a cadre are one (a correction raced with an addition may leave two for a
    // while); once corrected everywhere, the pool counts each cadre once, with those facts.
    for (const cadre of cadres) {
      await db().query(
        `UPDATE planning_entry SET cadre_date_of_birth = $2, cadre_sex = $3, cadre_ethnicity = $4 WHERE cadre_id = $1`,
        [cadre.id, cadre.dateOfBirth, cadre.sex, cadre.ethnicity],
      );
    }
    const statistics = harness.subgraph.repositories.statistics;
    let candidates = 0;
    for (const termId of terms) {
      // A scoped caller's with the province's own titles, and a subtree filter's without them.
      for (const [scope, provinceTitles] of [
        [null, true],
        [units.slice(0, 2), true],
        [units.slice(0, 2), false],
      ] as const) {
        expect(await statistics.benchStrength(termId, scope && [...scope], provinceTitles)).toEqual(
          await db().query(RECOUNT_BENCH, [termId, scope, provinceTitles]),
        );
      }
      const pool = await statistics.poolComposition(termId, '2030-01-01', 35, 10, null);
      expect(pool).toEqual((await db().query(RECOUNT_POOL, [termId, '2030-01-01', 35, 10]))[0]);
      candidates += pool.cadres;
    }
    expect(candidates).toBeGreaterThan(10);
  }, 60_000);
});
