import type { Logger } from '@cadres/core';
import { fillCadreUnits } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';

/**
 * Fills the nominating unit of enrollments made before training kept it (the demo's, and those of
 * a database older than the column), asking personnel. The cadre's unit today stands in for the
 * unit that sent them: the best record there is for those rows. Until filled, such an enrollment
 * counts in ADMIN's statistics only.
 */
export function fillNomineeUnits(
  dataSource: DataSource,
  logger: Logger,
  personnelUrl: string | undefined,
  signingSecret: string,
): Promise<number> {
  return fillCadreUnits(
    dataSource,
    { table: 'enrollment', cadreColumn: 'cadre_id', unitColumn: 'org_unit_id' },
    { personnelUrl, signingSecret, caller: 'training', logger },
  );
}
