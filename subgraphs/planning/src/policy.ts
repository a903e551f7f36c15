import { DomainError, ErrorCode, ForbiddenError, Role, unitInScope, type Identity } from '@cadres/core';

/**
 * Planning's access policy (issue 12): who may do what, decided from the role, the scopes and the
 * caller's units, in one place. Resolvers and services ask it by the action's name.
 *
 * - Terms and rule sets are reference data every role reads (a partner meets them in a cadre's
 *   planning history). Terms, and the annual review rounds that cover every unit of a term, are
 *   the Standing Committee's: ADMIN writes them.
 * - A planned title of a unit is seen and planned within that unit's subtrees; the province's own
 *   titles (no unit) are seen by the province's staff and planned by ADMIN alone.
 * - A planning entry is about its candidate: seen only where the candidate is (the unit personnel
 *   gives in a Cadre representation, or the one planning recorded for the entry), so a candidate
 *   list shows the caller's own cadres only. Writing an entry needs both its title and its
 *   candidate in scope. Outside scope an entry, a title's unit or a cadre answers as nonexistent.
 * - `planningCheck` answers whether any cadre is in the approved planning: it serves personnel's
 *   appointment rules (SERVICE) and ADMIN; a scoped human caller reads a cadre's planning history.
 * - Statistics: ADMIN, ORGANIZER, VIEWER, over the caller's units; never PARTNER.
 */
export enum PlanningAction {
  READ_REFERENCE = 'READ_REFERENCE',
  WRITE_REFERENCE = 'WRITE_REFERENCE',
  READ_PLANNED_TITLES = 'READ_PLANNED_TITLES',
  LIST_CANDIDATES = 'LIST_CANDIDATES',
  PLAN_UNIT_TITLE = 'PLAN_UNIT_TITLE',
  PLAN_PROVINCE_TITLE = 'PLAN_PROVINCE_TITLE',
  WRITE_ENTRY = 'WRITE_ENTRY',
  REVIEW_ROUND = 'REVIEW_ROUND',
  PLANNING_CHECK = 'PLANNING_CHECK',
  READ_STATISTICS = 'READ_STATISTICS',
  READ_AUDIT = 'READ_AUDIT',
}

const STAFF = [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.SERVICE];
const WRITERS = [Role.ADMIN, Role.ORGANIZER, Role.SERVICE];
const ADMIN_ONLY = [Role.ADMIN, Role.SERVICE];

const ROLES: Record<PlanningAction, Role[]> = {
  [PlanningAction.READ_REFERENCE]: [...STAFF, Role.PARTNER],
  [PlanningAction.WRITE_REFERENCE]: ADMIN_ONLY,
  [PlanningAction.READ_PLANNED_TITLES]: STAFF,
  [PlanningAction.LIST_CANDIDATES]: STAFF,
  [PlanningAction.PLAN_UNIT_TITLE]: WRITERS,
  [PlanningAction.PLAN_PROVINCE_TITLE]: ADMIN_ONLY,
  [PlanningAction.WRITE_ENTRY]: WRITERS,
  [PlanningAction.REVIEW_ROUND]: ADMIN_ONLY,
  [PlanningAction.PLANNING_CHECK]: ADMIN_ONLY,
  [PlanningAction.READ_STATISTICS]: STAFF,
  [PlanningAction.READ_AUDIT]: [Role.ADMIN],
};

const REFUSALS: Record<PlanningAction, string> = {
  [PlanningAction.READ_REFERENCE]: 'Not allowed to read planning terms.',
  [PlanningAction.WRITE_REFERENCE]: 'Terms are the province’s: only ADMIN creates them.',
  [PlanningAction.READ_PLANNED_TITLES]: 'Planned titles are for the province’s own staff.',
  [PlanningAction.LIST_CANDIDATES]: 'Partner agencies read planning through a cadre they may see.',
  [PlanningAction.PLAN_UNIT_TITLE]: 'Only ADMIN and ORGANIZER change the planning.',
  [PlanningAction.PLAN_PROVINCE_TITLE]: 'The province’s own titles are planned by ADMIN.',
  [PlanningAction.WRITE_ENTRY]: 'Only ADMIN and ORGANIZER change the planning.',
  [PlanningAction.REVIEW_ROUND]: 'A review covers every unit of a term: only ADMIN runs it.',
  [PlanningAction.PLANNING_CHECK]: 'The planning check serves personnel’s rules; read a cadre’s planning history instead.',
  [PlanningAction.READ_STATISTICS]: 'Partner agencies do not read statistics.',
  [PlanningAction.READ_AUDIT]: 'Only ADMIN reads the audit.',
};

export function may(identity: Identity, action: PlanningAction): boolean {
  return ROLES[action].includes(identity.role);
}

/** Throws FORBIDDEN unless the role may take the action at all. */
export function authorize(identity: Identity, action: PlanningAction): void {
  if (!may(identity, action)) throw new ForbiddenError(REFUSALS[action]);
}

/** A planned title is seen within its unit's subtrees; the province's own (no unit) by all staff. */
export function plannedTitleVisible(identity: Identity, plannedTitle: { orgUnitId: string | null }): boolean {
  return plannedTitle.orgUnitId === null || unitInScope(identity, plannedTitle.orgUnitId);
}

/**
 * Whether the caller may change a planned title and its entries. Throws FORBIDDEN for a title the
 * caller sees but may not plan (the province's own, for an ORGANIZER), NOT_FOUND for another unit's.
 */
export function authorizePlannedTitleWrite(identity: Identity, plannedTitle: { orgUnitId: string | null }, field: string, record: NotFoundRecord = 'planned title'): void {
  authorize(identity, PlanningAction.PLAN_UNIT_TITLE);
  if (plannedTitle.orgUnitId === null) return authorize(identity, PlanningAction.PLAN_PROVINCE_TITLE);
  if (!unitInScope(identity, plannedTitle.orgUnitId)) throw notFound(record, field);
}

/** A cadre in the caller's subtrees, by the unit personnel gives. */
export function cadreInScope(identity: Identity, cadreUnitId: string | null | undefined): boolean {
  return unitInScope(identity, cadreUnitId);
}

/**
 * Whether the caller may see a planning entry: where its candidate works. `candidateUnit` is the
 * candidate's unit as the gateway fetched it from personnel for this very entry (the `@requires` of
 * `standardsGap`, in a body the gateway signs); otherwise the unit planning recorded decides.
 */
export function entryVisible(identity: Identity, entry: { cadreOrgUnitId: string | null }, candidateUnit?: string | null): boolean {
  if (identity.units === null) return true;
  return cadreInScope(identity, candidateUnit ?? entry.cadreOrgUnitId);
}

/** The units a statistic is computed over: null (everything) for ADMIN, the caller's otherwise. */
export function statisticsUnits(identity: Identity): string[] | null {
  authorize(identity, PlanningAction.READ_STATISTICS);
  return identity.units;
}

export type NotFoundRecord = 'cadre' | 'planning entry' | 'planned title' | 'term' | 'title' | 'unit' | 'round' | 'flag';

/**
 * Out of scope looks exactly like nonexistent: one code, one message per kind of record, no id
 * echoed, whether the record is missing or belongs to another subtree.
 */
export function notFound(record: NotFoundRecord, field?: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No such ${record}.`, field ? { field } : {});
}
