import { addMonths, yearsBetween } from '@cadres/core';
import type { PlannedTitle } from '../planned-title/planned-title.entity';
import type { RuleSetLimits } from '../rule-set/rule-set.entity';
import type { Term } from '../term/term.entity';
import { referenceDate } from '../term/term.rules';
import { RemovalReason, type PlanningRound } from './round.entity';
import type { PlanningFacts } from '../../clients/personnel-client';

export interface ReviewCase {
  plannedTitle: Pick<PlannedTitle, 'titleId' | 'titleLevel'>;
  facts: Pick<PlanningFacts, 'retirementDate' | 'disciplines' | 'evaluations' | 'currentAssignments'>;
  term: Pick<Term, 'startYear' | 'ageReferenceDates'>;
  limits: Pick<
    RuleSetLimits,
    'termYears' | 'minTermsOfService' | 'disciplineLookbackMonths' | 'maxTitlesPerCadreAtLevel'
  >;
  round: Pick<PlanningRound, 'openedOn' | 'year'>;
  /** The cadre's active entries at the planned title's level in the term, this one included. */
  titlesAtLevel: number;
}

/** Rule 16: why an entry should leave the planning this year, if it should. */
export function reviewFlags(c: ReviewCase): { reason: RemovalReason; details: string }[] {
  const flags: { reason: RemovalReason; details: string }[] = [];
  const reference = referenceDate(c.term, c.plannedTitle.titleLevel);
  const left = yearsBetween(reference, c.facts.retirementDate);
  if (left < c.limits.termYears * c.limits.minTermsOfService) {
    flags.push({
      reason: RemovalReason.OVER_AGE,
      details: `${left.toFixed(1)} years of service left on ${reference}.`,
    });
  }
  const since = addMonths(c.round.openedOn, -c.limits.disciplineLookbackMonths);
  const measure = c.facts.disciplines.find((d) => d.effectiveOn >= since && d.effectiveOn <= c.round.openedOn);
  if (measure)
    flags.push({ reason: RemovalReason.DISCIPLINED, details: `${measure.form} effective ${measure.effectiveOn}.` });
  const rating = c.facts.evaluations.find((e) => e.year === c.round.year - 1);
  if (rating?.rating === 'NOT_COMPLETED')
    flags.push({ reason: RemovalReason.RATED_NOT_COMPLETED, details: `Rated NOT_COMPLETED for ${rating.year}.` });
  if (c.facts.currentAssignments.some((a) => a.title.id === c.plannedTitle.titleId)) {
    flags.push({ reason: RemovalReason.ALREADY_APPOINTED, details: 'Already holds the planned title.' });
  }
  if (c.titlesAtLevel > c.limits.maxTitlesPerCadreAtLevel) {
    flags.push({
      reason: RemovalReason.TOO_MANY_TITLES,
      details: `Planned for ${c.titlesAtLevel} titles at ${c.plannedTitle.titleLevel} level.`,
    });
  }
  return flags;
}
