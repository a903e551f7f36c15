import { parseId } from '@cadres/core';
import { notFound } from '@cadres/subgraph-kit';
import type { PersonnelContext } from './context';
import type { Cadre } from './modules/cadre/cadre.entity';
import type { Decision } from './modules/decision/decision.entity';
import { personnelPolicy, type PersonnelAction } from './policy';

/**
 * The questions resolvers and services ask personnel's policy (`./policy`), with the rows each
 * needs loaded through the request's DataLoaders: a check adds no statement per item.
 */

/** The role and scope part of an action, before anything is read. */
export function requireAction(context: PersonnelContext, action: PersonnelAction): void {
  personnelPolicy.require(context.identity, action);
}

/**
 * The unit a cadre belongs to today, when the caller may do `action` about them. A cadre outside
 * the caller's subtrees and one that does not exist are refused alike (NOT_FOUND, no id).
 */
export async function cadreUnitFor(
  context: PersonnelContext,
  action: PersonnelAction,
  rawId: string,
  field = 'cadreId',
): Promise<string> {
  personnelPolicy.require(context.identity, action);
  const cadreId = parseId(rawId, field);
  const unitId = await context.loaders.effectiveUnitIdByCadreId.load(cadreId);
  personnelPolicy.require(context.identity, action, unitId);
  return unitId as string;
}

/** A write about an existing cadre: the caller may write, and the cadre is in their subtree. */
export async function requireCadreWritable(context: PersonnelContext, cadreId: string): Promise<void> {
  await cadreUnitFor(context, 'writeCadre', cadreId);
  // The check loaded the cadre as it is before the write; what the payload then shows of it (its
  // unit after a transfer, say) must be read afresh.
  const id = parseId(cadreId, 'cadreId');
  context.loaders.cadreById.clear(id);
  context.loaders.effectiveUnitIdByCadreId.clear(id);
}

/** A write naming a unit (a new record's, an appointment's, a move's destination). */
export function requireUnitWritable(context: PersonnelContext, rawUnitId: string, field: string): void {
  personnelPolicy.require(context.identity, 'writeInUnit', parseId(rawUnitId, field));
}

/** Keeps the items whose cadre the caller may read, looking up each cadre's unit in one batch. */
export async function onlyVisible<T>(
  context: PersonnelContext,
  items: T[],
  cadreIdOf: (item: T) => string,
): Promise<T[]> {
  if (context.identity.units === null) return items;
  const units = await context.loaders.effectiveUnitIdByCadreId.loadMany(items.map(cadreIdOf));
  return items.filter((_, i) => personnelPolicy.allows(context.identity, 'readCadre', units[i] as string | null));
}

/** A cadre reached through another record (an assignment, a move): null outside the caller's subtrees. */
export async function visibleCadre(context: PersonnelContext, cadreId: string): Promise<Cadre | null> {
  const unitId = await context.loaders.effectiveUnitIdByCadreId.load(cadreId);
  return personnelPolicy.allows(context.identity, 'readCadre', unitId) ? context.loaders.cadreById.load(cadreId) : null;
}

/**
 * A decision for `action` (reading it, citing it): whom it concerns decides, as for a cadre — one
 * the caller cannot see, and one that does not exist, are refused alike.
 */
export async function decisionFor(
  context: PersonnelContext,
  action: 'readDecision' | 'citeDecision',
  rawId: string,
  field = 'decisionId',
): Promise<Decision> {
  personnelPolicy.require(context.identity, action);
  const id = parseId(rawId, field);
  const { units } = context.identity;
  const [decision, audience] = await Promise.all([
    context.loaders.decisionById.load(id),
    // An unrestricted caller sees every decision: nothing to work out.
    units === null ? null : context.loaders.decisionAudienceIn(units).load(id),
  ]);
  if (!decision) throw notFound('Decision');
  if (units !== null) {
    // Concerning someone, it is seen where one of them is; concerning nobody yet, by who registered it.
    personnelPolicy.require(
      context.identity,
      action,
      audience
        ? { units: audience.concernsAnyone ? [audience.unitInScope] : [], registeredBy: audience.registeredBy }
        : null,
    );
  }
  return decision;
}

/**
 * The decision a record cites (an assignment's, an appointment's, a move's), on a nested path. The
 * record hangs from a cadre the caller was allowed to read, so the role decides: the province's
 * staff see it, a partner agency gets null and FORBIDDEN. No statement is added per record.
 */
export function citedDecision(context: PersonnelContext, decisionId: string): Promise<Decision | null> {
  const refusal = personnelPolicy.refusal(context.identity, 'readDecision');
  if (refusal) return Promise.reject(refusal);
  return context.loaders.decisionById.load(decisionId);
}
