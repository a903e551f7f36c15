import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { OrgUnit } from './org-unit.entity';
import type { OrgUnitRepository } from './org-unit.repository';

export function createOrgUnitLoaders(units: OrgUnitRepository) {
  return {
    orgUnitById: new DataLoader<string, OrgUnit | null>(async (ids) =>
      oneByKey(ids, await units.findByIds(ids), (u) => u.id),
    ),
    orgUnitChildren: new DataLoader<string, OrgUnit[]>(async (ids) =>
      manyByKey(ids, await units.findByParentIds(ids), (u) => u.parentId as string),
    ),
  };
}
