import { addMonths, addYears, RuleViolationError, subtractWorkingDays } from '@cadres/core';
import type { Cadre } from '../cadre/cadre.entity';
import { retirementDateOf, yearsOfServiceLeft, type PersonnelRules } from '../rules/eligibility';
import { AppointmentKind } from './appointment.entity';

/** A holding of one post (a title in a unit) with the terms begun on it (FIRST and REAPPOINTMENT). */
export interface TermsHeld {
  startsOn: string;
  endsOn: string | null;
  terms: number;
}

/**
 * Rule 7's count: the terms of the run that a term beginning `on` would continue. `holdings` are
 * the cadre's holdings of the post, newest first; the run goes back to a break of at least the
 * reset gap between one holding's end and the next one's start, so a resignation followed by a new
 * FIRST appointment continues the run instead of starting a new one.
 */
export function termsInRun(
  holdings: readonly TermsHeld[],
  on: string,
  rules: Pick<PersonnelRules, 'consecutiveTermsResetGapMonths'>,
): number {
  let runStartsOn = on;
  let terms = 0;
  for (const holding of holdings) {
    if (
      holding.endsOn !== null &&
      holding.endsOn <= runStartsOn &&
      addMonths(holding.endsOn, rules.consecutiveTermsResetGapMonths) <= runStartsOn
    )
      break;
    terms += holding.terms;
    runStartsOn = holding.startsOn;
  }
  return terms;
}

/** Rule 7: a head serves at most N consecutive terms in the same post (other titles have no limit). */
export function assertWithinTermLimit(
  isHead: boolean,
  holdings: readonly TermsHeld[],
  on: string,
  rules: Pick<PersonnelRules, 'consecutiveTermsResetGapMonths' | 'maxConsecutiveHeadTerms'>,
): void {
  if (!isHead) return;
  const terms = termsInRun(holdings, on, rules);
  if (terms >= rules.maxConsecutiveHeadTerms) {
    throw new RuleViolationError(
      'TERM_LIMIT_REACHED',
      `A head serves at most ${rules.maxConsecutiveHeadTerms} consecutive terms in the same post; ${terms} have been served since the last break of ${rules.consecutiveTermsResetGapMonths} months.`,
      'kind',
    );
  }
}

/** Rule 7: a term runs for the configured years from the decision's effective date. */
export function termEndsOn(on: string, rules: Pick<PersonnelRules, 'appointmentTermYears'>): string {
  return addYears(on, rules.appointmentTermYears);
}

/**
 * Rule 10: a renewal takes effect from the configured number of working days before the term
 * ends, up to its last day (after it, the post needs a new appointment).
 */
export function assertRenewalWindow(
  currentTermEnd: string,
  on: string,
  rules: Pick<PersonnelRules, 'reappointmentNoticeWorkingDays'>,
): void {
  const earliest = subtractWorkingDays(currentTermEnd, rules.reappointmentNoticeWorkingDays);
  if (on < earliest) {
    throw new RuleViolationError(
      'RENEWAL_TOO_EARLY',
      `The term ends ${currentTermEnd}; renewal may take effect from ${earliest}.`,
      'decisionId',
    );
  }
  if (on > currentTermEnd) {
    throw new RuleViolationError(
      'TERM_ALREADY_ENDED',
      `The term ended ${currentTermEnd}; a new appointment is needed.`,
      'decisionId',
    );
  }
}

/**
 * Rule 10: with less than the threshold of years to retirement at the term's end, the term is
 * extended to retirement instead of renewed, and only then. Returns the renewed term's end.
 */
export function renewedTermEnd(
  kind: AppointmentKind.REAPPOINTMENT | AppointmentKind.EXTENSION_TO_RETIREMENT,
  cadre: Pick<Cadre, 'sex' | 'dateOfBirth'>,
  currentTermEnd: string,
  on: string,
  rules: Pick<PersonnelRules, 'retirementSchedule' | 'extensionThresholdYears' | 'appointmentTermYears'>,
): string {
  const leftAtTermEnd = yearsOfServiceLeft(cadre, currentTermEnd, rules);
  const threshold = rules.extensionThresholdYears;
  if (kind === AppointmentKind.REAPPOINTMENT) {
    if (leftAtTermEnd < threshold) {
      throw new RuleViolationError(
        'EXTENSION_REQUIRED',
        `${leftAtTermEnd.toFixed(1)} years to retirement at the term's end (< ${threshold}): extend to retirement instead.`,
        'kind',
      );
    }
    return termEndsOn(on, rules);
  }
  if (leftAtTermEnd >= threshold) {
    throw new RuleViolationError(
      'EXTENSION_NOT_APPLICABLE',
      `${leftAtTermEnd.toFixed(1)} years to retirement at the term's end: extension applies below ${threshold}.`,
      'kind',
    );
  }
  return retirementDateOf(cadre, rules);
}
