import { monthsBetween, RuleViolationError } from '@cadres/core';
import type { PersonnelRules } from '../rules/eligibility';
import { MobilityKind } from './mobility.entity';

/**
 * Rule 11's durations, in whole calendar months from the move's start to its planned end: a
 * rotation lasts at least the minimum, a secondment at most the maximum; a transfer has no end.
 */
export function assertMobilityDuration(
  kind: MobilityKind,
  startsOn: string,
  plannedEndOn: string | null,
  rules: Pick<PersonnelRules, 'rotationMinMonths' | 'secondmentMaxMonths'>,
): void {
  if (plannedEndOn === null) return;
  const months = monthsBetween(startsOn, plannedEndOn);
  if (kind === MobilityKind.ROTATION && months < rules.rotationMinMonths) {
    throw new RuleViolationError(
      'ROTATION_TOO_SHORT',
      `A rotation lasts at least ${rules.rotationMinMonths} months; this one ${months}.`,
      'plannedEndOn',
    );
  }
  if (kind === MobilityKind.SECONDMENT && months > rules.secondmentMaxMonths) {
    throw new RuleViolationError(
      'SECONDMENT_TOO_LONG',
      `A secondment lasts at most ${rules.secondmentMaxMonths} months; this one ${months}.`,
      'plannedEndOn',
    );
  }
}
