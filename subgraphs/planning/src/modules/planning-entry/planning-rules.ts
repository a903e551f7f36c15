import { RuleViolationError, yearsBetween } from '@cadres/core';
import type { RuleSetLimits } from '../rule-set/rule-set.entity';
import type { PlanningFacts } from '../../clients/personnel-client';

export const UNDER_TWO_TERMS = 'UNDER_TWO_TERMS_OF_SERVICE';

/** Rule 14: only titles ranked above the cadre's current post. */
export function assertAboveCurrentPost(facts: PlanningFacts, titleRank: number): void {
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
export function serviceLeftWarnings(facts: PlanningFacts, referenceDate: string, limits: RuleSetLimits): string[] {
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
