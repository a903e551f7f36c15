import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import { today } from '@cadres/core';
import type { Degree, FamilyMember } from './cadre-details.entity';
import type { Cadre } from './cadre.entity';
import type { CadreRepository } from './cadre.repository';

export function createCadreLoaders(cadres: CadreRepository) {
  return {
    cadreById: new DataLoader<string, Cadre | null>(async (ids) => oneByKey(ids, await cadres.findByIds(ids), (c) => c.id)),
    /** The unit each cadre belongs to today (after transfers in effect). */
    effectiveUnitIdByCadreId: new DataLoader<string, string | null>(async (ids) => {
      const rows = await cadres.findEffectiveUnitIds(ids, today());
      return oneByKey(ids, rows, (r) => r.cadreId).map((row) => row?.unitId ?? null);
    }),
    /** Members of each unit today. */
    cadresByEffectiveUnitId: new DataLoader<string, Cadre[]>(async (unitIds) =>
      manyByKey(unitIds, await cadres.findByEffectiveUnitIds(unitIds, today()), (c) => c.effectiveUnitId),
    ),
    degreesByCadreId: new DataLoader<string, Degree[]>(async (ids) => manyByKey(ids, await cadres.findDegrees(ids), (d) => d.cadreId)),
    familyByCadreId: new DataLoader<string, FamilyMember[]>(async (ids) =>
      manyByKey(ids, await cadres.findFamilyMembers(ids), (f) => f.cadreId),
    ),
  };
}
