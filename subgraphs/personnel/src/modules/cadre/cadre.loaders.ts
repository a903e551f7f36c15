import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import { today } from '@cadres/core';
import type { Cadre } from './cadre.entity';
import type { CadreWithUnit } from './cadre.entity';
import type { CadreRepository } from './cadre.repository';

export function createCadreLoaders(cadres: CadreRepository) {
  // Each cadre row comes with the unit the cadre belongs to today, so the scope checks that ask for
  // the unit first and the resolvers that then ask for the cadre share one statement.
  const cadreById = new DataLoader<string, Cadre | null>(async (ids) =>
    oneByKey(ids, await cadres.findByIds(ids, today()), (c) => c.id),
  );
  return {
    cadreById,
    /** The unit each cadre belongs to today (after transfers in effect). */
    effectiveUnitIdByCadreId: new DataLoader<string, string | null>(async (ids) =>
      (await cadreById.loadMany(ids)).map((cadre) =>
        cadre instanceof Error ? cadre : ((cadre as CadreWithUnit | null)?.effectiveUnitId ?? null),
      ),
    ),
    /** Members of each unit today. */
    cadresByEffectiveUnitId: new DataLoader<string, Cadre[]>(async (unitIds) =>
      manyByKey(unitIds, await cadres.findByEffectiveUnitIds(unitIds, today()), (c) => c.effectiveUnitId),
    ),
  };
}
