import type { DataSource } from 'typeorm';
import type { ProviderLevel } from '../training-class/provider.entity';
import type { CentralCourseAttendance, ClassSizeStatistics, CompletionRate, QuotaFulfilment, TraineesByCategory } from './statistics.types';

export interface Period {
  from: string;
  to: string;
}

/**
 * Trainees each class holds from the caller's units (`$units`: null for everything). A trainee
 * counts for the unit that nominated them (`enrollment.org_unit_id`). For an unrestricted caller the
 * class's own seat count serves, which the database keeps equal to the same count over every unit,
 * and the one-time filter `$units IS NOT NULL` skips the scan.
 */
const SEATS_IN_SCOPE = (units: string) => `
  seats_in_scope AS (
    SELECT e.class_id, count(*)::int AS taken FROM enrollment e
     WHERE ${units}::uuid[] IS NOT NULL AND e.org_unit_id = ANY(${units}::uuid[]) AND holds_seat(e.status)
     GROUP BY e.class_id)`;
const SEATS = (units: string) => `CASE WHEN ${units}::uuid[] IS NULL THEN c.seats_taken ELSE COALESCE(s.taken, 0) END`;
/** A scoped caller sees the classes their units sent someone to, not every class of the province. */
const CLASS_IN_SCOPE = (units: string) => `(${units}::uuid[] IS NULL OR s.taken > 0)`;
/** An enrollment counts for the caller when its nominating unit is one of theirs. */
const ENROLLMENT_IN_SCOPE = (units: string) => `(${units}::uuid[] IS NULL OR e.org_unit_id = ANY(${units}::uuid[]))`;
/** A province-wide quota is everyone's; a unit's only within that unit's subtree. */
const QUOTA_IN_SCOPE = (units: string) => `(${units}::uuid[] IS NULL OR q.org_unit_id IS NULL OR q.org_unit_id = ANY(${units}::uuid[]))`;

/**
 * Dashboard figures, each one SQL statement that aggregates in the database, over the caller's
 * units (`units`: null for an unrestricted caller), never the whole province for a scoped one.
 */
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** statistics.quotaFulfilment */
  quotaFulfilment(year: number | null, units: string[] | null): Promise<QuotaFulfilment[]> {
    return this.dataSource.query(
      `SELECT p.year, p.code AS "planCode", pr.code AS "programmeCode", pr.name AS "programmeName", q.mode,
              q.org_unit_id AS "orgUnitId", q.quota,
              count(e.id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS nominated,
              count(e.id) FILTER (WHERE holds_seat(e.status))::int AS sent,
              round(100.0 * count(e.id) FILTER (WHERE holds_seat(e.status)) / q.quota, 1)::float AS "fulfilmentPercent"
         FROM quota q
         JOIN training_plan p ON p.id = q.plan_id
         JOIN programme pr ON pr.id = q.programme_id
         LEFT JOIN enrollment e ON e.quota_id = q.id AND ${ENROLLMENT_IN_SCOPE('$2')}
        WHERE ($1::int IS NULL OR p.year = $1) AND ${QUOTA_IN_SCOPE('$2')}
        GROUP BY q.id, p.year, p.code, pr.code, pr.name
        ORDER BY p.year, pr.code, q.mode`,
      [year, units],
    );
  }

  /** statistics.classSizes: classes starting in the period, by programme and mode. */
  classSizes(period: Period, providerLevel: ProviderLevel | null, units: string[] | null): Promise<ClassSizeStatistics[]> {
    return this.dataSource.query(
      `WITH ${SEATS_IN_SCOPE('$4')}
       SELECT pr.code AS "programmeCode", pr.name AS "programmeName", pr.category, c.mode,
              count(*)::int AS classes, sum(${SEATS('$4')})::int AS trainees,
              round(avg(${SEATS('$4')}), 1)::float AS "averageSize",
              max(${SEATS('$4')})::int AS "largestClass", max(c.max_size)::int AS cap
         FROM training_class c
         JOIN programme pr ON pr.id = c.programme_id
         JOIN provider pv ON pv.id = c.provider_id
         LEFT JOIN seats_in_scope s ON s.class_id = c.id
        WHERE c.start_date BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR pv.level = $3) AND ${CLASS_IN_SCOPE('$4')}
        GROUP BY pr.code, pr.name, pr.category, c.mode
        ORDER BY pr.code, c.mode`,
      [period.from, period.to, providerLevel, units],
    );
  }

  /** statistics.traineesByCategory */
  traineesByCategory(period: Period, providerLevel: ProviderLevel | null, units: string[] | null): Promise<TraineesByCategory[]> {
    return this.dataSource.query(
      `WITH ${SEATS_IN_SCOPE('$4')}
       SELECT pr.category, count(*)::int AS classes, sum(${SEATS('$4')})::int AS trainees
         FROM training_class c
         JOIN programme pr ON pr.id = c.programme_id
         JOIN provider pv ON pv.id = c.provider_id
         LEFT JOIN seats_in_scope s ON s.class_id = c.id
        WHERE c.start_date BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR pv.level = $3) AND ${CLASS_IN_SCOPE('$4')}
        GROUP BY pr.category
        ORDER BY pr.category`,
      [period.from, period.to, providerLevel, units],
    );
  }

  /** statistics.completionRates: classes ending in the period. */
  completionRates(period: Period, units: string[] | null): Promise<CompletionRate[]> {
    return this.dataSource.query(
      `SELECT pr.code AS "programmeCode", pr.name AS "programmeName",
              count(*) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE e.status = 'NOT_COMPLETED')::int AS "notCompleted",
              count(*) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn,
              round(100.0 * count(*) FILTER (WHERE e.status = 'COMPLETED')
                    / NULLIF(count(*) FILTER (WHERE e.status IN ('COMPLETED', 'NOT_COMPLETED')), 0), 1)::float AS "completionPercent"
         FROM enrollment e
         JOIN training_class c ON c.id = e.class_id
         JOIN programme pr ON pr.id = c.programme_id
        WHERE c.end_date BETWEEN $1 AND $2 AND ${ENROLLMENT_IN_SCOPE('$3')}
        GROUP BY pr.code, pr.name
        ORDER BY pr.code`,
      [period.from, period.to, units],
    );
  }

  /** statistics.selectionRatio: trainees sent per plan and programme, concentrated against not. */
  async selectionCounts(year: number | null, units: string[] | null): Promise<{ planCode: string; year: number; programmeCode: string; concentrated: number; nonConcentrated: number }[]> {
    return this.dataSource.query(
      `SELECT p.code AS "planCode", p.year, pr.code AS "programmeCode",
              count(e.id) FILTER (WHERE q.mode = 'CONCENTRATED' AND holds_seat(e.status))::int AS concentrated,
              count(e.id) FILTER (WHERE q.mode = 'NON_CONCENTRATED' AND holds_seat(e.status))::int AS "nonConcentrated"
         FROM quota q
         JOIN training_plan p ON p.id = q.plan_id
         JOIN programme pr ON pr.id = q.programme_id
         LEFT JOIN enrollment e ON e.quota_id = q.id AND ${ENROLLMENT_IN_SCOPE('$2')}
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
      `WITH ${SEATS_IN_SCOPE('$3')}
       SELECT pr.code AS "programmeCode", pr.name AS "programmeName", pr.category, sum(${SEATS('$3')})::int AS trainees
         FROM training_class c
         JOIN programme pr ON pr.id = c.programme_id
         JOIN provider pv ON pv.id = c.provider_id
         LEFT JOIN seats_in_scope s ON s.class_id = c.id
        WHERE pv.level = 'CENTRAL' AND c.start_date BETWEEN $1 AND $2 AND ${CLASS_IN_SCOPE('$3')}
        GROUP BY pr.code, pr.name, pr.category
        ORDER BY trainees DESC, pr.code`,
      [period.from, period.to, units],
    );
  }
}
