import type { DataSource } from 'typeorm';
import type { ProviderLevel } from '../training-class/provider.entity';
import type {
  CentralCourseAttendance,
  ClassSizeStatistics,
  CompletionRate,
  QuotaFulfilment,
  TraineesByCategory,
} from './statistics.types';

export interface Period {
  from: string;
  to: string;
}

/**
 * Enrollments by class, quota and status from the caller's units (`$units`: null for everything),
 * read from the tallies the enrollment trigger keeps (migration StatisticsTallies): the province's
 * tally for an unrestricted caller, the units' tally summed over a scoped caller's units. A trainee
 * counts for the unit that nominated them (`enrollment.org_unit_id`). One-time filters on
 * `$units` skip the branch not taken.
 */
const TALLY = (units: string) => `
  tally AS (
    SELECT t.class_id, t.quota_id, t.status, t.enrollments FROM enrollment_tally t
     WHERE ${units}::uuid[] IS NULL AND t.enrollments > 0
    UNION ALL
    SELECT t.class_id, t.quota_id, t.status, t.enrollments FROM enrollment_unit_tally t
     WHERE ${units}::uuid[] IS NOT NULL AND t.org_unit_id = ANY(${units}::uuid[]) AND t.enrollments > 0)`;
/**
 * Trainees each class holds from a scoped caller's units (an unrestricted caller reads the
 * class-size tally instead).
 */
const SEATS_IN_SCOPE = (units: string) => `
  seats_in_scope AS (
    SELECT t.class_id, sum(t.enrollments)::int AS taken FROM enrollment_unit_tally t
     WHERE ${units}::uuid[] IS NOT NULL AND t.org_unit_id = ANY(${units}::uuid[]) AND holds_seat(t.status)
     GROUP BY t.class_id)`;
/**
 * Classes starting in a period, with their trainees from the caller's units: for an unrestricted
 * caller whole groups of the class-size tally (classes by programme, mode, provider and start
 * date, migration ClassSizeTally), for a scoped one each class their units sent trainees to.
 */
const SIZES = (from: string, to: string, units: string) => `
  ${SEATS_IN_SCOPE(units)},
  sizes AS (
    SELECT t.programme_id, t.mode, t.provider_id, t.classes, t.seats AS trainees, t.largest, t.cap FROM class_size_tally t
     WHERE ${units}::uuid[] IS NULL AND t.start_date BETWEEN ${from} AND ${to} AND t.classes > 0
    UNION ALL
    SELECT c.programme_id, c.mode, c.provider_id, 1, s.taken, s.taken, c.max_size FROM training_class c JOIN seats_in_scope s ON s.class_id = c.id
     WHERE ${units}::uuid[] IS NOT NULL AND s.taken > 0 AND c.start_date BETWEEN ${from} AND ${to})`;
/** How many of a tally's enrollments pass a filter (zero, not null, when none do). */
const COUNTED = (filter: string) => `COALESCE(sum(t.enrollments) FILTER (WHERE ${filter}), 0)`;
/** A province-wide quota is everyone's; a unit's only within that unit's subtree. */
const QUOTA_IN_SCOPE = (units: string) =>
  `(${units}::uuid[] IS NULL OR q.org_unit_id IS NULL OR q.org_unit_id = ANY(${units}::uuid[]))`;

/**
 * Dashboard figures, each one SQL statement that aggregates in the database, over the caller's
 * units (`units`: null for an unrestricted caller), never the whole province for a scoped one.
 */
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** statistics.quotaFulfilment */
  quotaFulfilment(year: number | null, units: string[] | null): Promise<QuotaFulfilment[]> {
    return this.dataSource.query(
      `WITH ${TALLY('$2')}
       SELECT p.year, p.code AS "planCode", pr.code AS "programmeCode", pr.name AS "programmeName", q.mode,
              q.org_unit_id AS "orgUnitId", q.quota,
              ${COUNTED("t.status <> 'WITHDRAWN'")}::int AS nominated,
              ${COUNTED('holds_seat(t.status)')}::int AS sent,
              round(100.0 * ${COUNTED('holds_seat(t.status)')} / q.quota, 1)::float AS "fulfilmentPercent"
         FROM quota q
         JOIN training_plan p ON p.id = q.plan_id
         JOIN programme pr ON pr.id = q.programme_id
         LEFT JOIN tally t ON t.quota_id = q.id
        WHERE ($1::int IS NULL OR p.year = $1) AND ${QUOTA_IN_SCOPE('$2')}
        GROUP BY q.id, p.year, p.code, pr.code, pr.name
        ORDER BY p.year, pr.code, q.mode`,
      [year, units],
    );
  }

  /**
   * statistics.classSizes: classes starting in the period, by programme and mode. An unrestricted
   * caller reads the class-size tally (classes grouped by programme, mode, provider and start date,
   * migration ClassSizeTally); a scoped one the classes their units sent trainees to.
   */
  classSizes(
    period: Period,
    providerLevel: ProviderLevel | null,
    units: string[] | null,
  ): Promise<ClassSizeStatistics[]> {
    return this.dataSource.query(
      `WITH ${SIZES('$1', '$2', '$4')}
       SELECT pr.code AS "programmeCode", pr.name AS "programmeName", pr.category, z.mode,
              sum(z.classes)::int AS classes, sum(z.trainees)::int AS trainees,
              round(sum(z.trainees)::numeric / sum(z.classes), 1)::float AS "averageSize",
              max(z.largest)::int AS "largestClass", max(z.cap)::int AS cap
         FROM sizes z
         JOIN programme pr ON pr.id = z.programme_id
         JOIN provider pv ON pv.id = z.provider_id
        WHERE $3::varchar IS NULL OR pv.level = $3
        GROUP BY pr.code, pr.name, pr.category, z.mode
        ORDER BY pr.code, z.mode`,
      [period.from, period.to, providerLevel, units],
    );
  }

  /** statistics.traineesByCategory */
  traineesByCategory(
    period: Period,
    providerLevel: ProviderLevel | null,
    units: string[] | null,
  ): Promise<TraineesByCategory[]> {
    return this.dataSource.query(
      `WITH ${SIZES('$1', '$2', '$4')}
       SELECT pr.category, sum(z.classes)::int AS classes, sum(z.trainees)::int AS trainees
         FROM sizes z
         JOIN programme pr ON pr.id = z.programme_id
         JOIN provider pv ON pv.id = z.provider_id
        WHERE $3::varchar IS NULL OR pv.level = $3
        GROUP BY pr.category
        ORDER BY pr.category`,
      [period.from, period.to, providerLevel, units],
    );
  }

  /**
   * statistics.completionRates: classes ending in the period. An unrestricted caller reads the
   * completion tally (enrollments by programme, end date and status, migration CompletionTally);
   * a scoped one their units' tally rows of the classes ending in the period.
   */
  completionRates(period: Period, units: string[] | null): Promise<CompletionRate[]> {
    return this.dataSource.query(
      `WITH ended AS (
         SELECT t.programme_id, t.status, t.enrollments FROM completion_tally t
          WHERE $3::uuid[] IS NULL AND t.end_date BETWEEN $1 AND $2 AND t.enrollments > 0
         UNION ALL
         SELECT c.programme_id, t.status, t.enrollments FROM enrollment_unit_tally t JOIN training_class c ON c.id = t.class_id
          WHERE $3::uuid[] IS NOT NULL AND t.org_unit_id = ANY($3::uuid[]) AND t.enrollments > 0 AND c.end_date BETWEEN $1 AND $2)
       SELECT pr.code AS "programmeCode", pr.name AS "programmeName",
              ${COUNTED("t.status = 'COMPLETED'")}::int AS completed,
              ${COUNTED("t.status = 'NOT_COMPLETED'")}::int AS "notCompleted",
              ${COUNTED("t.status = 'WITHDRAWN'")}::int AS withdrawn,
              round(100.0 * ${COUNTED("t.status = 'COMPLETED'")}
                    / NULLIF(${COUNTED("t.status IN ('COMPLETED', 'NOT_COMPLETED')")}, 0), 1)::float AS "completionPercent"
         FROM ended t
         JOIN programme pr ON pr.id = t.programme_id
        GROUP BY pr.code, pr.name
        ORDER BY pr.code`,
      [period.from, period.to, units],
    );
  }

  /** statistics.selectionRatio: trainees sent per plan and programme, concentrated against not. */
  async selectionCounts(
    year: number | null,
    units: string[] | null,
  ): Promise<
    { planCode: string; year: number; programmeCode: string; concentrated: number; nonConcentrated: number }[]
  > {
    return this.dataSource.query(
      `WITH ${TALLY('$2')}
       SELECT p.code AS "planCode", p.year, pr.code AS "programmeCode",
              ${COUNTED("q.mode = 'CONCENTRATED' AND holds_seat(t.status)")}::int AS concentrated,
              ${COUNTED("q.mode = 'NON_CONCENTRATED' AND holds_seat(t.status)")}::int AS "nonConcentrated"
         FROM quota q
         JOIN training_plan p ON p.id = q.plan_id
         JOIN programme pr ON pr.id = q.programme_id
         LEFT JOIN tally t ON t.quota_id = q.id
        WHERE ($1::int IS NULL OR p.year = $1) AND q.mode IN ('CONCENTRATED', 'NON_CONCENTRATED') AND ${QUOTA_IN_SCOPE('$2')}
        GROUP BY p.code, p.year, pr.code
        HAVING count(*) FILTER (WHERE q.mode = 'CONCENTRATED') > 0
        ORDER BY p.year, p.code, pr.code`,
      [year, units],
    );
  }

  /** statistics.centralCourses: trainees in classes run by central bodies. */
  centralCourses(period: Period, units: string[] | null): Promise<CentralCourseAttendance[]> {
    return this.dataSource.query(
      `WITH ${SIZES('$1', '$2', '$3')}
       SELECT pr.code AS "programmeCode", pr.name AS "programmeName", pr.category, sum(z.trainees)::int AS trainees
         FROM sizes z
         JOIN programme pr ON pr.id = z.programme_id
         JOIN provider pv ON pv.id = z.provider_id
        WHERE pv.level = 'CENTRAL'
        GROUP BY pr.code, pr.name, pr.category
        ORDER BY trainees DESC, pr.code`,
      [period.from, period.to, units],
    );
  }
}
