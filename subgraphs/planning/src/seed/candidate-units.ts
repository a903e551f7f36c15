import type { Logger } from '@cadres/core';
import { fillCadreUnits } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';

/**
 * Fills the candidate's unit of entries made before planning kept it, asking personnel (the demo
 * records it as it loads). Until filled, such an entry is seen by ADMIN alone.
 */
export function fillCandidateUnits(
  dataSource: DataSource,
  logger: Logger,
  personnelUrl: string | undefined,
  signingSecret: string,
): Promise<number> {
  return fillCadreUnits(
    dataSource,
    { table: 'planning_entry', cadreColumn: 'cadre_id', unitColumn: 'cadre_org_unit_id' },
    { personnelUrl, signingSecret, caller: 'planning', logger },
  );
}
