import { RuleViolationError } from '@cadres/core';
import type { RuleValues } from '@cadres/subgraph-kit';
import type { Programme } from '../programme/programme.entity';
import { ProgrammeCategory } from '../programme/programme.entity';
import { QualificationKind } from '../qualification/qualification.enums';
import type { TrainingRuleDefinitions } from '../rules/training-rules';
import { TrainingMode } from '../training-class/training-class.entity';
import type { CadreFacts } from '../../clients/personnel-client';

export type TrainingRules = RuleValues<TrainingRuleDefinitions>;

const DEGREES = ['COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE'];
const GOOD_OR_BETTER = new Set(['EXCELLENT', 'GOOD']);

/** The snapshot stored on the enrollment: the facts looked at and the rules they were checked against. */
export interface EligibilitySnapshot {
  checkedOn: string;
  rule: string;
  facts: {
    age: number;
    sex: string;
    isPartyMember: boolean;
    highestDegree: string | null;
    ethnicity: string;
    recentRatings: { year: number; rating: string }[];
    highestTitleRank: number | null;
  };
  limits: unknown;
}

export function ageOn(dateOfBirth: string, on: string): number {
  // ISO dates: the years apart, less one when the birthday (MM-DD) is still to come that year.
  return Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (on.slice(5) < dateOfBirth.slice(5) ? 1 : 0);
}

function highestDegree(facts: CadreFacts): string | null {
  return facts.degrees.map((d) => d.level).sort((a, b) => DEGREES.indexOf(b) - DEGREES.indexOf(a))[0] ?? null;
}

/**
 * Rules 4 and 5: checks a nomination against the programme's eligibility rule and returns the
 * snapshot to store, or throws the first rule that refuses it.
 */
export function checkEligibility(
  programme: Pick<Programme, 'grantsKind' | 'grantsLevel' | 'category'>,
  mode: TrainingMode,
  facts: CadreFacts,
  on: string,
  rules: TrainingRules,
): EligibilitySnapshot {
  const age = ageOn(facts.dateOfBirth, on);
  const degree = highestDegree(facts);
  const highestTitleRank = facts.currentAssignments.length
    ? Math.max(...facts.currentAssignments.map((a) => a.title.rank))
    : null;
  const lastYear = Number(on.slice(0, 4)) - 1;
  const snapshot = (rule: string, limits: unknown): EligibilitySnapshot => ({
    checkedOn: on,
    rule,
    facts: {
      age,
      sex: facts.sex,
      isPartyMember: facts.isPartyMember,
      highestDegree: degree,
      ethnicity: facts.ethnicity,
      recentRatings: facts.evaluations.filter((e) => e.year > lastYear - 3),
      highestTitleRank,
    },
    limits,
  });
  const isPoliticalTheory = programme.grantsKind === QualificationKind.POLITICAL_THEORY;

  if (isPoliticalTheory && programme.grantsLevel === 'INTERMEDIATE') {
    const limits = rules.intermediatePoliticalTheory;
    if (limits.partyMemberRequired && !facts.isPartyMember) {
      throw new RuleViolationError(
        'NOT_PARTY_MEMBER',
        'Intermediate political theory is for Party members.',
        'cadreId',
      );
    }
    const hasDegree = degree !== null && DEGREES.indexOf(degree) >= DEGREES.indexOf(limits.minDegree);
    const minorityException = limits.secondaryAllowedForEthnicMinority && facts.ethnicity !== 'Kinh';
    if (!hasDegree && !minorityException) {
      throw new RuleViolationError(
        'DEGREE_REQUIRED',
        `A ${limits.minDegree.toLowerCase()} degree or higher is required.`,
        'cadreId',
      );
    }
    for (let year = lastYear; year > lastYear - limits.consecutiveGoodYears; year--) {
      const rating = facts.evaluations.find((e) => e.year === year)?.rating;
      if (!rating || !GOOD_OR_BETTER.has(rating)) {
        throw new RuleViolationError(
          'EVALUATIONS_INSUFFICIENT',
          `${limits.consecutiveGoodYears} consecutive years rated GOOD or better are required; ${year} was ${rating ?? 'not rated'}.`,
          'cadreId',
        );
      }
    }
    const minAge = limits.nonConcentratedMinAge[facts.sex];
    if (mode === TrainingMode.NON_CONCENTRATED && age < minAge) {
      throw new RuleViolationError(
        'TOO_YOUNG_FOR_NON_CONCENTRATED',
        `The non-concentrated mode needs age ${minAge} or more; the cadre is ${age}.`,
        'classId',
      );
    }
    return snapshot('INTERMEDIATE_POLITICAL_THEORY_ELIGIBILITY', limits);
  }

  if (isPoliticalTheory && programme.grantsLevel === 'ADVANCED') {
    const minRank = rules.advancedPoliticalTheoryMinTitleRank;
    if (!facts.isPartyMember)
      throw new RuleViolationError('NOT_PARTY_MEMBER', 'Advanced political theory is for Party members.', 'cadreId');
    if ((highestTitleRank ?? -1) < minRank) {
      throw new RuleViolationError(
        'TITLE_NOT_ELIGIBLE',
        `Advanced political theory is for holders of titles ranked ${minRank} or more.`,
        'cadreId',
      );
    }
    return snapshot('ADVANCED_POLITICAL_THEORY_MIN_TITLE_RANK', minRank);
  }

  if (programme.category === ProgrammeCategory.POSTGRADUATE) {
    if (age > rules.postgraduateMaxAge) {
      throw new RuleViolationError(
        'TOO_OLD_FOR_POSTGRADUATE',
        `Postgraduate study is for cadres aged ${rules.postgraduateMaxAge} or less; the cadre is ${age}.`,
        'cadreId',
      );
    }
    return snapshot('POSTGRADUATE_MAX_AGE', rules.postgraduateMaxAge);
  }

  return snapshot('NONE', null);
}

/** The snapshot of a trainee recorded from a roster of an ended class: kept, not enforced. */
export type PastEligibilitySnapshot =
  | (EligibilitySnapshot & { recordedFromHistory: true })
  | { checkedOn: string; recordedFromHistory: true; unmetToday: { reason: string | null; message: string } };

/**
 * Rules 4 and 5 for a trainee a roster of an ended class records (see
 * `EnrollmentService.recordPastNominationIn`): worked out on the class's start date and stored, but
 * not enforced, since the committee decided on the facts of that time and personnel's are today's.
 * What today's facts would have refused is stored with it, so a reader sees it.
 */
export function pastEligibility(
  programme: Pick<Programme, 'grantsKind' | 'grantsLevel' | 'category'>,
  mode: TrainingMode,
  facts: CadreFacts,
  on: string,
  rules: TrainingRules,
): PastEligibilitySnapshot {
  try {
    return { ...checkEligibility(programme, mode, facts, on, rules), recordedFromHistory: true };
  } catch (error) {
    if (!(error instanceof RuleViolationError)) throw error;
    const { reason } = error.details as { reason?: string };
    return { checkedOn: on, recordedFromHistory: true, unmetToday: { reason: reason ?? null, message: error.message } };
  }
}
