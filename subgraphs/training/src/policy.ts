import { DomainError, ErrorCode, ForbiddenError, Role, unitInScope, type Identity } from '@cadres/core';

/**
 * Training's access policy (issue 12): who may do what, decided from the role, the scopes and the
 * caller's units, in one place. Resolvers and services ask it by the action's name; none decides
 * on its own.
 *
 * - The catalogue (programmes, providers, classes) names no cadre: every role reads it. It is the
 *   province's reference data, which every unit's plans and nominations use, so only ADMIN (the
 *   Organisation Committee) writes it.
 * - Plans and their quotas: the province's staff read them, a unit's quota only within that unit's
 *   subtrees; an ORGANIZER adopts plans for their own units only, province-wide quotas are ADMIN's.
 * - A cadre's training (history, qualifications, enrollments, nominations): within the caller's
 *   subtrees, by the cadre's unit as personnel gives it; writes by ADMIN and ORGANIZER.
 * - Statistics: ADMIN, ORGANIZER and VIEWER, computed over the caller's units; never PARTNER.
 */
export enum TrainingAction {
  READ_CATALOGUE = 'READ_CATALOGUE',
  WRITE_CATALOGUE = 'WRITE_CATALOGUE',
  READ_PLANS = 'READ_PLANS',
  WRITE_PLAN = 'WRITE_PLAN',
  WRITE_PROVINCE_QUOTA = 'WRITE_PROVINCE_QUOTA',
  READ_STATISTICS = 'READ_STATISTICS',
  READ_AUDIT = 'READ_AUDIT',
  DEFINE_RULES = 'DEFINE_RULES',
  WRITE_CADRE_TRAINING = 'WRITE_CADRE_TRAINING',
}

const STAFF = [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.SERVICE];
const WRITERS = [Role.ADMIN, Role.ORGANIZER, Role.SERVICE];
const ADMIN_ONLY = [Role.ADMIN, Role.SERVICE];

/** The roles each action is open to, before any row is looked at. */
const ROLES: Record<TrainingAction, Role[]> = {
  [TrainingAction.READ_CATALOGUE]: [...STAFF, Role.PARTNER],
  [TrainingAction.WRITE_CATALOGUE]: ADMIN_ONLY,
  [TrainingAction.READ_PLANS]: STAFF,
  [TrainingAction.WRITE_PLAN]: WRITERS,
  [TrainingAction.WRITE_PROVINCE_QUOTA]: ADMIN_ONLY,
  [TrainingAction.READ_STATISTICS]: STAFF,
  [TrainingAction.READ_AUDIT]: [Role.ADMIN],
  [TrainingAction.DEFINE_RULES]: [Role.ADMIN],
  [TrainingAction.WRITE_CADRE_TRAINING]: WRITERS,
};

const REFUSALS: Record<TrainingAction, string> = {
  [TrainingAction.READ_CATALOGUE]: 'Not allowed to read the catalogue.',
  [TrainingAction.WRITE_CATALOGUE]: 'The training catalogue is the province’s: only ADMIN changes it.',
  [TrainingAction.READ_PLANS]: 'Training plans are for the province’s own staff.',
  [TrainingAction.WRITE_PLAN]: 'Only ADMIN and ORGANIZER adopt training plans.',
  [TrainingAction.WRITE_PROVINCE_QUOTA]: 'Province-wide quotas are set by ADMIN.',
  [TrainingAction.READ_STATISTICS]: 'Partner agencies do not read statistics.',
  [TrainingAction.READ_AUDIT]: 'Only ADMIN reads the audit.',
  [TrainingAction.DEFINE_RULES]: 'Only ADMIN changes rule settings.',
  [TrainingAction.WRITE_CADRE_TRAINING]: 'Only ADMIN and ORGANIZER change a cadre’s training.',
};

export function may(identity: Identity, action: TrainingAction): boolean {
  return ROLES[action].includes(identity.role);
}

/** Throws FORBIDDEN unless the role may take the action at all. */
export function authorize(identity: Identity, action: TrainingAction): void {
  if (!may(identity, action)) throw new ForbiddenError(REFUSALS[action]);
}

/** A cadre's training is read and written only within the caller's subtrees, by the unit personnel gives. */
export function cadreInScope(identity: Identity, cadreUnitId: string | null | undefined): boolean {
  return unitInScope(identity, cadreUnitId);
}

/** A quota: province-wide ones (no unit) are every staff member's; a unit's within that unit's subtrees. */
export function quotaInScope(identity: Identity, quota: { orgUnitId: string | null }): boolean {
  return quota.orgUnitId === null || unitInScope(identity, quota.orgUnitId);
}

/** The units a statistic is computed over: null (everything) for ADMIN, the caller's units otherwise. */
export function statisticsUnits(identity: Identity): string[] | null {
  authorize(identity, TrainingAction.READ_STATISTICS);
  return identity.units;
}

/**
 * Out of scope looks exactly like nonexistent: one code, one message per kind of record, no id
 * echoed, whether the record is missing or belongs to another subtree.
 */
export function notFound(record: 'cadre' | 'enrollment' | 'class' | 'quota' | 'study commitment' | 'unit', field?: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No such ${record}.`, field ? { field } : {});
}
