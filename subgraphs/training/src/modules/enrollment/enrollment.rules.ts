import { monthsBetween, RuleViolationError } from '@cadres/core';
import type { Quota } from '../plan/plan.entity';
import { EnrollmentStatus } from './enrollment.entity';
import type { StudyCommitment } from './study-commitment.entity';
import type { CadreFacts } from '../../clients/personnel-client';

/** Where each status may go next; COMPLETED, NOT_COMPLETED and WITHDRAWN are final. */
export const TRANSITIONS: Record<EnrollmentStatus, EnrollmentStatus[]> = {
  [EnrollmentStatus.NOMINATED]: [EnrollmentStatus.ADMITTED, EnrollmentStatus.DEFERRED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.ADMITTED]: [EnrollmentStatus.STUDYING, EnrollmentStatus.DEFERRED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.STUDYING]: [
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.NOT_COMPLETED,
    EnrollmentStatus.DEFERRED,
    EnrollmentStatus.WITHDRAWN,
  ],
  [EnrollmentStatus.DEFERRED]: [EnrollmentStatus.NOMINATED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.COMPLETED]: [],
  [EnrollmentStatus.NOT_COMPLETED]: [],
  [EnrollmentStatus.WITHDRAWN]: [],
};

const ATTENDED = new Set([EnrollmentStatus.STUDYING, EnrollmentStatus.COMPLETED, EnrollmentStatus.NOT_COMPLETED]);

export function assertTransition(from: EnrollmentStatus, to: EnrollmentStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new RuleViolationError('INVALID_TRANSITION', `An enrollment cannot go from ${from} to ${to}.`, 'status');
  }
}

/** Rule 6: feedback only from trainees who attended. */
export function assertAttended(status: EnrollmentStatus): void {
  if (!ATTENDED.has(status)) {
    throw new RuleViolationError(
      'DID_NOT_ATTEND',
      'Only trainees who attended the class give feedback.',
      'enrollmentId',
    );
  }
}

/**
 * Rule 2: nominees a quota allows, the quota times the candidate ratio rounded down. The epsilon
 * keeps a product that is whole in decimals whole in binary (10 × 1.2 = 11.999…).
 */
export function nomineesAllowed(quota: number, ratio: number): number {
  return Math.floor(quota * ratio + 1e-9);
}

/** Rule 2: one more nominee must still fit `nominees` already counted against the quota. */
export function assertQuotaRoom(quota: number, nominees: number, ratio: number): void {
  const allowed = nomineesAllowed(quota, ratio);
  if (nominees >= allowed) {
    throw new RuleViolationError(
      'QUOTA_EXCEEDED',
      `The quota of ${quota} allows ${allowed} nominees (ratio ${ratio}).`,
      'quotaId',
    );
  }
}

/**
 * Rule 5: the service owed after postgraduate study, the multiplier times the study's months (the
 * programme's length, else the class's, at least one month), rounded up.
 */
export function studyCommitment(
  programmeDurationMonths: number | null,
  classStartDate: string,
  classEndDate: string,
  multiplier: number,
): { studyMonths: number; serviceMonths: number } {
  const studyMonths = programmeDurationMonths ?? Math.max(1, monthsBetween(classStartDate, classEndDate));
  return { studyMonths, serviceMonths: Math.ceil(studyMonths * multiplier) };
}

/**
 * Rule 5: leaving before the service commitment is served costs the study cost in proportion to
 * the months still owed, counted from the class's end (all of it if the cadre leaves during the study).
 */
export function compensationOwed(
  commitment: Pick<StudyCommitment, 'serviceMonths' | 'studyCost'>,
  classEndDate: string,
  brokenOn: string,
): number {
  const served = Math.max(0, monthsBetween(classEndDate, brokenOn));
  if (served >= commitment.serviceMonths) {
    throw new RuleViolationError('COMMITMENT_SERVED', 'The service commitment was already served.', 'brokenOn');
  }
  const owedShare = (commitment.serviceMonths - served) / commitment.serviceMonths;
  return Math.round(Number(commitment.studyCost) * owedShare);
}

/**
 * Issue 15, item 2: of the quotas covering a class, the one a nomination from `unit` counts
 * against — the one set for the nearest of the unit and its ancestors, else the province-wide one.
 * A cited quota must be that one (`QUOTA_MISMATCH`); two at the same distance need the nomination
 * to cite one (`QUOTA_AMBIGUOUS`). Null when none covers the unit.
 */
export function nearestQuota(
  covering: readonly Quota[],
  unit: CadreFacts['orgUnit'],
  citedId: string | null,
): Quota | null {
  // Nearest first: the unit, its parent, … the root, then the province-wide quota.
  const chain = [unit.id, ...unit.ancestors.map((a) => a.id).reverse()];
  const distance = (q: Quota) => (q.orgUnitId === null ? chain.length : chain.indexOf(q.orgUnitId));
  const applying = covering.filter((q) => distance(q) >= 0);
  const nearest = Math.min(...applying.map(distance));
  const candidates = applying.filter((q) => distance(q) === nearest);
  if (citedId) {
    const cited = candidates.find((q) => q.id === citedId);
    if (!cited)
      throw new RuleViolationError(
        'QUOTA_MISMATCH',
        'The quota is not the one the nominee’s unit has for the class’s programme, mode and year.',
        'quotaId',
      );
    return cited;
  }
  if (candidates.length > 1) {
    throw new RuleViolationError(
      'QUOTA_AMBIGUOUS',
      `${candidates.length} plans give the nominee’s unit a quota for this class; cite one.`,
      'quotaId',
    );
  }
  return candidates[0] ?? null;
}

/**
 * The statuses an enrollment passes through from `from` to `to` (a roster's status reached one
 * lawful step at a time), or null when `to` cannot be reached.
 */
export function statusPath(from: EnrollmentStatus, to: EnrollmentStatus): EnrollmentStatus[] | null {
  const previous = new Map<EnrollmentStatus, EnrollmentStatus>();
  const queue = [from];
  while (queue.length) {
    const status = queue.shift() as EnrollmentStatus;
    if (status === to) {
      const path: EnrollmentStatus[] = [];
      for (let at = to; at !== from; at = previous.get(at) as EnrollmentStatus) path.unshift(at);
      return path;
    }
    for (const next of TRANSITIONS[status])
      if (next !== from && !previous.has(next)) {
        previous.set(next, status);
        queue.push(next);
      }
  }
  return null;
}
