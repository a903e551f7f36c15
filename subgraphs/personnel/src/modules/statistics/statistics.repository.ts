import type { DataSource } from 'typeorm';
import { EFFECTIVE_UNIT_SQL } from '../cadre/cadre.repository';
import { OLDEST_BAND, YOUNGEST_BAND, type OverviewRow, type OverviewScope } from './overview-figures';

/**
 * The only code that reads personnel for the overview. Every figure comes from one statement: the
 * cadres in scope are selected once (their unit on `at`, as `cadres` does, so the figures match its
 * counts) and each figure is a GROUP BY over them. Retirement dates follow a dated rule schedule
 * computed in TypeScript (rules/retirement), so the statement returns the birth dates (by sex) that
 * can retire within the window, and the resolver turns them into years.
 */
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  overview(scope: OverviewScope): Promise<OverviewRow[]> {
    const effectiveUnit = EFFECTIVE_UNIT_SQL.replaceAll(':on', '$1::date');
    return this.dataSource.query(
      `WITH scoped AS (
         SELECT cadre.category, cadre.sex, cadre.ethnicity, cadre.date_of_birth, u.level,
                date_part('year', age($1::date, cadre.date_of_birth))::int AS age
           FROM cadre JOIN org_unit u ON u.id = ${effectiveUnit}
          WHERE ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
            AND ($3::uuid IS NULL OR u.path @> ARRAY[$3::uuid])
       )
       SELECT 'category' AS figure, category AS key, NULL AS sex, count(*)::int AS count FROM scoped GROUP BY category
       UNION ALL
       SELECT 'level', level, NULL, count(*)::int FROM scoped GROUP BY level
       UNION ALL
       SELECT 'age', LEAST(GREATEST(age / 5 * 5, ${YOUNGEST_BAND}), ${OLDEST_BAND})::text, sex, count(*)::int
         FROM scoped GROUP BY 2, 3
       UNION ALL
       SELECT 'minority', NULL, NULL, count(*)::int FROM scoped WHERE ethnicity <> 'Kinh'
       UNION ALL
       SELECT 'birth', date_of_birth::text, sex, count(*)::int
         FROM scoped WHERE date_of_birth BETWEEN $4::date AND $5::date GROUP BY 2, 3`,
      [scope.at, scope.units, scope.subtree, scope.bornFrom, scope.bornTo],
    );
  }
}
