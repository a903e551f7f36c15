import { NotFoundError, parseId, requireUnitInScope, requireWriter, unitInScope } from '@cadres/core';
import type { PersonnelContext } from './context';
import type { Cadre } from './modules/cadre/cadre.entity';

export { requireRole, requireWriter } from '@cadres/core';

/** The unit a cadre belongs to today, or NOT_FOUND when the caller may not see the cadre at all. */
export async function visibleCadreUnit(context: PersonnelContext, rawId: string, field = 'cadreId'): Promise<string> {
  const cadreId = parseId(rawId, field);
  const unitId = await context.loaders.effectiveUnitIdByCadreId.load(cadreId);
  if (!unitId || !unitInScope(context.identity, unitId)) throw new NotFoundError('Cadre', cadreId);
  return unitId;
}

/** A write about an existing cadre: the caller may write, and the cadre is in their subtree. */
export async function requireCadreWritable(context: PersonnelContext, cadreId: string): Promise<void> {
  requireWriter(context.identity);
  await visibleCadreUnit(context, cadreId);
  // The check loaded the cadre as it is before the write; what the payload then shows of it (its
  // unit after a transfer, say) must be read afresh.
  const id = parseId(cadreId, 'cadreId');
  context.loaders.cadreById.clear(id);
  context.loaders.effectiveUnitIdByCadreId.clear(id);
}

export function requireUnitWritable(context: PersonnelContext, rawUnitId: string, field: string): void {
  requireWriter(context.identity);
  requireUnitInScope(context.identity, parseId(rawUnitId, field));
}

/** Keeps what the caller may see, looking up each item's cadre's unit in one batch. */
export async function onlyVisible<T>(context: PersonnelContext, items: T[], cadreIdOf: (item: T) => string): Promise<T[]> {
  if (context.identity.units === null) return items;
  const units = await context.loaders.effectiveUnitIdByCadreId.loadMany(items.map(cadreIdOf));
  return items.filter((_, i) => unitInScope(context.identity, units[i] as string | null));
}

/** A cadre reached through another record (an assignment, a move): null outside the caller's subtrees. */
export async function visibleCadre(context: PersonnelContext, cadreId: string): Promise<Cadre | null> {
  const unitId = await context.loaders.effectiveUnitIdByCadreId.load(cadreId);
  return unitInScope(context.identity, unitId) ? context.loaders.cadreById.load(cadreId) : null;
}
