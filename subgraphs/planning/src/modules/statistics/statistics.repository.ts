import type { DataSource } from 'typeorm';

/**
 * Statistics are computed over the caller's units (`$n` null means everything). Titles count where
 * the policy shows them: a unit's planned titles within that unit's subtree, the province's own
 * (no unit) for all staff.
 */
const IN_SCOPE = (plannedTitle: string, units: string) =>
  `(${units}::uuid[] IS NULL OR ${plannedTitle}.org_unit_id IS NULL OR ${plannedTitle}.org_unit_id = ANY(${units}::uuid[]))`;
/**
 * People count where they work: an entry only when its candidate's unit is one of the caller's,
 * whatever the title (a commune's dashboard never counts the province's candidates from elsewhere).
 */
const CANDIDATE_IN_SCOPE = (entry: string, units: string) =>
  `(${units}::uuid[] IS NULL OR ${entry}.cadre_org_unit_id = ANY(${units}::uuid[]))`;

/** Planning dashboard figures, each one SQL statement that aggregates in the database. */
export class PlanningStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** statistics.entriesByTitle */
  entriesByTitle(
    termCodes: string[] | null,
    units: string[] | null,
  ): Promise<
    {
      termCode: string;
      titleId: string;
      orgUnitId: string | null;
      level: string;
      total: number;
      proposed: number;
      approved: number;
      realised: number;
      removed: number;
      expired: number;
    }[]
  > {
    return this.dataSource.query(
      `SELECT t.code AS "termCode", e.title_id AS "titleId", p.org_unit_id AS "orgUnitId", p.title_level AS level, count(*)::int AS total,
              count(*) FILTER (WHERE e.status = 'PROPOSED')::int AS proposed, count(*) FILTER (WHERE e.status = 'APPROVED')::int AS approved,
              count(*) FILTER (WHERE e.status = 'REALISED')::int AS realised, count(*) FILTER (WHERE e.status = 'REMOVED')::int AS removed,
              count(*) FILTER (WHERE e.status = 'EXPIRED')::int AS expired
         FROM planning_entry e JOIN term t ON t.id = e.term_id JOIN planned_title p ON p.id = e.planned_title_id
        WHERE ($1::text[] IS NULL OR t.code = ANY($1)) AND ${IN_SCOPE('p', '$2')} AND ${CANDIDATE_IN_SCOPE('e', '$2')}
        GROUP BY t.code, t.start_year, e.title_id, p.org_unit_id, p.title_level, p.title_rank
        ORDER BY t.start_year, t.code, p.title_rank DESC, e.title_id, p.org_unit_id`,
      [termCodes, units],
    );
  }

  /** statistics.termTotals */
  termTotals(
    termCodes: string[] | null,
    units: string[] | null,
  ): Promise<{ termCode: string; entries: number; cadres: number }[]> {
    return this.dataSource.query(
      `SELECT t.code AS "termCode", count(e.id)::int AS entries, count(DISTINCT e.cadre_id)::int AS cadres
         FROM term t
         LEFT JOIN planned_title p ON p.term_id = t.id AND ${IN_SCOPE('p', '$2')}
         LEFT JOIN planning_entry e ON e.planned_title_id = p.id AND ${CANDIDATE_IN_SCOPE('e', '$2')}
        WHERE $1::text[] IS NULL OR t.code = ANY($1)
        GROUP BY t.code, t.start_year ORDER BY t.start_year, t.code`,
      [termCodes, units],
    );
  }

  /**
   * statistics.benchStrength: planned titles of a term by number of active candidates (3+ counted
   * as 3), summed from the tallies the planned-title trigger keeps (migration StatisticsTallies):
   * the province's for an unrestricted caller, the units' over a scoped caller's units, with the
   * province's own titles (no unit) unless `provinceTitles` is false (a subtree filter).
   */
  benchStrength(
    termId: string,
    units: string[] | null,
    provinceTitles: boolean,
  ): Promise<{ candidates: number; titles: number }[]> {
    return this.dataSource.query(
      `WITH tally AS (
         SELECT t.candidates, t.titles FROM bench_tally t WHERE $2::uuid[] IS NULL AND t.term_id = $1
         UNION ALL
         SELECT t.candidates, t.titles FROM bench_unit_tally t
          WHERE $2::uuid[] IS NOT NULL AND t.term_id = $1
            AND (t.org_unit_id = ANY($2::uuid[]) OR (t.org_unit_id IS NULL AND $3::boolean)))
       SELECT n.candidates, COALESCE(sum(t.titles), 0)::int AS titles
         FROM generate_series(0, 3) AS n(candidates)
         LEFT JOIN tally t ON t.candidates = n.candidates
        GROUP BY n.candidates ORDER BY n.candidates`,
      [termId, units, provinceTitles],
    );
  }

  /**
   * statistics.poolComposition: distinct active candidates of a term, from the facts recorded with
   * each entry. An unrestricted caller reads the tally the entry trigger keeps (one row per sex,
   * minority and date of birth: a few thousand rows whatever the pool's size); a scoped caller's
   * pool is counted from the entries of their units (indexed by the candidate's unit), since a
   * cadre may be planned for titles of several units and must count once.
   */
  async poolComposition(
    termId: string,
    referenceDate: string,
    youngAgeLimit: number,
    bracketYears: number,
    units: string[] | null,
  ) {
    const [row] = await this.dataSource.query(
      `WITH pool AS (
         SELECT t.woman, t.minority, extract(year FROM age(CAST($2 AS date), t.date_of_birth))::int AS age, t.cadres
           FROM pool_tally t WHERE $5::uuid[] IS NULL AND t.term_id = $1 AND t.cadres > 0
         UNION ALL
         SELECT sex = 'FEMALE', ethnicity <> 'Kinh', age, 1 FROM (
           SELECT DISTINCT ON (e.cadre_id) e.cadre_id, e.cadre_sex AS sex, e.cadre_ethnicity AS ethnicity,
                  extract(year FROM age(CAST($2 AS date), e.cadre_date_of_birth))::int AS age
             FROM planning_entry e JOIN planned_title p ON p.id = e.planned_title_id
            WHERE $5::uuid[] IS NOT NULL AND e.term_id = $1 AND is_candidate(e.status) AND e.cadre_date_of_birth IS NOT NULL
              AND ${IN_SCOPE('p', '$5')} AND ${CANDIDATE_IN_SCOPE('e', '$5')}) scoped)
       SELECT COALESCE(sum(cadres), 0)::int AS cadres,
              COALESCE(sum(cadres) FILTER (WHERE age < $3), 0)::int AS young,
              COALESCE(sum(cadres) FILTER (WHERE woman), 0)::int AS women,
              COALESCE(sum(cadres) FILTER (WHERE minority), 0)::int AS "ethnicMinorities",
              COALESCE(sum(cadres) FILTER (WHERE age < $3), 0)::int AS b0,
              COALESCE(sum(cadres) FILTER (WHERE age >= $3 AND age < $3 + $4), 0)::int AS b1,
              COALESCE(sum(cadres) FILTER (WHERE age >= $3 + $4 AND age < $3 + 2 * $4), 0)::int AS b2,
              COALESCE(sum(cadres) FILTER (WHERE age >= $3 + 2 * $4), 0)::int AS b3
         FROM pool`,
      [termId, referenceDate, youngAgeLimit, bracketYears, units],
    );
    return row as {
      cadres: number;
      young: number;
      women: number;
      ethnicMinorities: number;
      b0: number;
      b1: number;
      b2: number;
      b3: number;
    };
  }

  /** statistics.readyNowCounts: per planned title of a term, its candidates and those READY_NOW. */
  titleReadiness(
    termId: string,
  ): Promise<
    { plannedTitleId: string; titleId: string; orgUnitId: string | null; candidates: number; readyNow: number }[]
  > {
    return this.dataSource.query(
      `SELECT p.id AS "plannedTitleId", p.title_id AS "titleId", p.org_unit_id AS "orgUnitId", p.active_candidates AS candidates,
              count(e.id) FILTER (WHERE e.readiness = 'READY_NOW' AND is_candidate(e.status))::int AS "readyNow"
         FROM planned_title p LEFT JOIN planning_entry e ON e.planned_title_id = p.id
        WHERE p.term_id = $1 GROUP BY p.id ORDER BY p.title_rank DESC, p.id`,
      [termId],
    );
  }

  /** statistics.roundChanges */
  async roundChanges(
    termId: string | null,
    units: string[] | null,
  ): Promise<
    { roundCode: string; additions: number; flagged: number; removals: { reason: string; count: number }[] }[]
  > {
    const scoped = `JOIN planned_title p ON p.id = e.planned_title_id AND ${IN_SCOPE('p', '$2')} AND ${CANDIDATE_IN_SCOPE('e', '$2')}`;
    return this.dataSource.query(
      `SELECT r.code AS "roundCode",
              (SELECT count(*) FROM planning_entry e ${scoped} WHERE e.round_id = r.id)::int AS additions,
              (SELECT count(*) FROM round_flag f JOIN planning_entry e ON e.id = f.entry_id ${scoped} WHERE f.round_id = r.id)::int AS flagged,
              COALESCE((SELECT json_agg(json_build_object('reason', x.reason, 'count', x.n) ORDER BY x.reason)
                          FROM (SELECT f.reason, count(*)::int AS n FROM round_flag f JOIN planning_entry e ON e.id = f.entry_id ${scoped}
                                 WHERE f.round_id = r.id AND f.confirmed_on IS NOT NULL GROUP BY f.reason) x), '[]') AS removals
         FROM planning_round r WHERE $1::uuid IS NULL OR r.term_id = $1 ORDER BY r.year, r.code`,
      [termId, units],
    );
  }
}
