import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import { today } from '@cadres/core';
import type { Cadre } from './cadre.entity';
import type { CadreWithUnit } from './cadre.entity';
import type { CadreListKind, CadreLists, CadreListsRepository } from './cadre-lists.repository';
import type { CadreRepository } from './cadre.repository';

type ListKey = { kind: CadreListKind; cadreId: string };

/**
 * A cadre's lists, every kind asked for in one tick read in one statement: a page's career,
 * current posts and evaluations cost one statement, not one per kind. Kinds and cadres asked
 * together are read crosswise (every kind for every cadre of the batch) and primed, so a kind
 * asked later for a cadre of the batch costs nothing more.
 */
function createListLoader(repository: CadreListsRepository) {
  const loader = new DataLoader<ListKey, unknown[], string>(
    async (keys) => {
      const kinds = new Set(keys.map((key) => key.kind));
      const rows = await repository.findByCadreIds([...new Set(keys.map((key) => key.cadreId))], kinds);
      prime(rows, kinds);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return keys.map(({ kind, cadreId }) => byId.get(cadreId)?.[kind] ?? []);
    },
    { cacheKeyFn: ({ kind, cadreId }) => `${kind}:${cadreId}` },
  );
  /** Keeps lists read with the cadres (or crosswise) for the resolvers that ask for them next. */
  function prime(rows: readonly ({ id: string } & Partial<CadreLists>)[], kinds: ReadonlySet<CadreListKind>): void {
    for (const row of rows) for (const kind of kinds) loader.prime({ kind, cadreId: row.id }, row[kind] ?? []);
  }
  return {
    prime,
    of<K extends CadreListKind>(kind: K) {
      return { load: (cadreId: string) => loader.load({ kind, cadreId }) as Promise<CadreLists[K]> };
    },
  };
}

export type CadreListLoader = ReturnType<typeof createListLoader>;

export function createCadreLoaders(cadres: CadreRepository, cadreLists: CadreListsRepository) {
  const lists = createListLoader(cadreLists);
  /** Lists the request will ask of a cadre about to be loaded (`cadreListsWanted`), read with the cadre. */
  const wanted = new Map<string, ReadonlySet<CadreListKind>>();
  // Each cadre row comes with the unit the cadre belongs to today, so the scope checks that ask for
  // the unit first and the resolvers that then ask for the cadre share one statement; and with the
  // lists wanted of the batch's cadres, so that a dossier reads its record and lists at once.
  const cadreById = new DataLoader<string, Cadre | null>(async (ids) => {
    const kinds = new Set(ids.flatMap((id) => [...(wanted.get(id) ?? [])]));
    for (const id of ids) wanted.delete(id);
    const rows = await cadres.findByIds(ids, today(), kinds);
    lists.prime(rows, kinds);
    return oneByKey(ids, rows, (c) => c.id);
  });
  return {
    cadreById,
    /**
     * Before loading a cadre whose lists the operation asks for (see `listKindsAsked`): they come
     * in the cadre's statement. A cadre already loaded is not read again; its lists load as usual.
     */
    cadreListsWanted(id: string, kinds: ReadonlySet<CadreListKind>): void {
      if (kinds.size) wanted.set(id, new Set([...(wanted.get(id) ?? []), ...kinds]));
    },
    cadreLists: lists,
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
    degreesByCadreId: lists.of('degrees'),
    familyByCadreId: lists.of('family'),
  };
}
