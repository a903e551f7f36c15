import { RuleViolationError, yearsBetween } from '@cadres/core';
import type { RuleSetLimits } from '../rule-set/rule-set.entity';
import type { CareerAssignment, PlanningFacts } from '../../clients/personnel-client';

export const UNDER_TWO_TERMS = 'UNDER_TWO_TERMS_OF_SERVICE';

/** Rule 14: only titles ranked above the cadre's current post. */
export function assertAboveCurrentPost(facts: Pick<PlanningFacts, 'currentAssignments'>, titleRank: number): void {
  const current = Math.max(-1, ...facts.currentAssignments.map((a) => a.title.rank));
  if (current >= titleRank) {
    throw new RuleViolationError(
      'NOT_ABOVE_CURRENT_POST',
      `The cadre already holds a post of rank ${current}; the planned title ranks ${titleRank}.`,
      'cadreId',
    );
  }
}

/**
 * Rule 15: at the term's reference date the cadre has service left for at least one full term;
 * below two, the entry is allowed with a warning. Returns the warnings to record.
 */
export function serviceLeftWarnings(
  facts: Pick<PlanningFacts, 'retirementDate'>,
  referenceDate: string,
  limits: Pick<RuleSetLimits, 'termYears' | 'minTermsOfService' | 'warnBelowTerms'>,
): string[] {
  const left = yearsBetween(referenceDate, facts.retirementDate);
  if (left < limits.termYears * limits.minTermsOfService) {
    throw new RuleViolationError(
      'NOT_ENOUGH_SERVICE_FOR_TERM',
      `${left.toFixed(1)} years of service left on ${referenceDate}; a full term needs ${limits.termYears * limits.minTermsOfService}.`,
      'cadreId',
    );
  }
  return left < limits.termYears * limits.warnBelowTerms ? [UNDER_TWO_TERMS] : [];
}

/** Rule 14: a cadre is planned for at most N titles of one level in a term; `atLevel` are those so far. */
export function assertRoomForTitleAtLevel(
  atLevel: number,
  level: string,
  termCode: string,
  limits: Pick<RuleSetLimits, 'maxTitlesPerCadreAtLevel'>,
): void {
  if (atLevel >= limits.maxTitlesPerCadreAtLevel) {
    throw new RuleViolationError(
      'TOO_MANY_TITLES',
      `The cadre is already planned for ${atLevel} titles at ${level} level in ${termCode} (at most ${limits.maxTitlesPerCadreAtLevel}).`,
      'cadreId',
    );
  }
}

/**
 * The appointment that realises an entry (issue 15, item 3): to the planned title, in the planned
 * unit when the title is a unit's, neither acting (giao quyền needs no planning) nor cancelled,
 * effective on or after the approval decision and on or before the realisation decision.
 */
export function realisingAppointment(
  assignments: CareerAssignment[],
  plannedUnitId: string | null,
  approvedOn: string | null,
  realisedBy: string,
): CareerAssignment | null {
  if (!approvedOn) return null;
  return (
    assignments.find(
      (a) =>
        !a.acting &&
        !a.cancelled &&
        (plannedUnitId === null || a.orgUnit.id === plannedUnitId) &&
        a.startsOn >= approvedOn &&
        a.startsOn <= realisedBy,
    ) ?? null
  );
}
