import { addMonths, RuleViolationError, yearsBetween } from '@cadres/core';
import type { Cadre } from '../cadre/cadre.entity';
import type { Discipline } from '../discipline/discipline.entity';
import type { PersonnelRuleDefinitions } from './personnel-rules';
import { retirementDate } from './retirement';
import type { RuleValues } from '@cadres/subgraph-kit';

export type PersonnelRules = RuleValues<PersonnelRuleDefinitions>;

export function retirementDateOf(
  cadre: Pick<Cadre, 'sex' | 'dateOfBirth'>,
  rules: Pick<PersonnelRules, 'retirementSchedule'>,
): string {
  return retirementDate(rules.retirementSchedule, cadre.sex, cadre.dateOfBirth);
}

/** Years of service left at `on` before retirement age (negative once past it). */
export function yearsOfServiceLeft(
  cadre: Pick<Cadre, 'sex' | 'dateOfBirth'>,
  on: string,
  rules: Pick<PersonnelRules, 'retirementSchedule'>,
): number {
  return yearsBetween(on, retirementDateOf(cadre, rules));
}

/**
 * Rule 9: nobody takes up a post, acting included, or is moved, on or after the day they reach
 * retirement age (Labour Code 2019, art. 169; Decree 135/2020: the retirement date is the day the
 * age is reached; working beyond it is a decision to retire at a later age under Decree 83/2022,
 * not an appointment).
 */
export function assertBeforeRetirement(
  cadre: Pick<Cadre, 'sex' | 'dateOfBirth'>,
  on: string,
  rules: Pick<PersonnelRules, 'retirementSchedule'>,
): void {
  const retires = retirementDateOf(cadre, rules);
  if (on >= retires) {
    throw new RuleViolationError(
      'RETIREMENT_AGE_REACHED',
      `The cadre reached retirement age on ${retires}; nothing can be given to take effect on ${on}.`,
      'cadreId',
    );
  }
}

/** Rule 12: refuses a promotion while a disciplinary measure still blocks it. */
export function assertNotBlockedByDiscipline(
  disciplines: readonly Pick<Discipline, 'form' | 'effectiveOn'>[],
  on: string,
  rules: Pick<PersonnelRules, 'disciplineBlockMonths'>,
): void {
  for (const discipline of disciplines) {
    const blockedUntil = addMonths(discipline.effectiveOn, rules.disciplineBlockMonths[discipline.form]);
    if (on < blockedUntil) {
      throw new RuleViolationError(
        'DISCIPLINE_BLOCK',
        `A ${discipline.form} effective ${discipline.effectiveOn} blocks promotion until ${blockedUntil}.`,
        'cadreId',
      );
    }
  }
}

/** Rules 8 and 11: enough service left at `on`. */
export function assertServiceLeft(
  cadre: Pick<Cadre, 'sex' | 'dateOfBirth'>,
  on: string,
  minYears: number,
  rules: Pick<PersonnelRules, 'retirementSchedule'>,
  reason: string,
): void {
  const left = yearsOfServiceLeft(cadre, on, rules);
  if (left < minYears) {
    throw new RuleViolationError(
      reason,
      `The cadre has ${left.toFixed(1)} years of service left on ${on}; at least ${minYears} are required.`,
      'cadreId',
    );
  }
}
