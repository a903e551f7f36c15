import type { Sex } from '../cadre/cadre.entity';
import type { RetirementSchedule } from './personnel-rules';
import { addMonths, parseDate } from '@cadres/core';

/**
 * Retirement age in months for someone reaching it in `year` (Decree 135/2020's schedule): the base
 * age up to the base year, then a step more each year, up to the maximum.
 */
export function retirementAgeMonths(schedule: RetirementSchedule, sex: Sex, year: number): number {
  const line = sex === 'MALE' ? schedule.male : schedule.female;
  const steps = Math.max(0, year - schedule.baseYear);
  return Math.min(line.baseMonths + steps * line.stepMonths, line.maxMonths);
}

/**
 * The day the cadre reaches retirement age: the first year whose age, added to the birth date,
 * lands in that same year. Computed, never stored (DOMAIN.md rule 9).
 */
export function retirementDate(schedule: RetirementSchedule, sex: Sex, dateOfBirth: string): string {
  const birthYear = parseDate(dateOfBirth).getUTCFullYear();
  const line = sex === 'MALE' ? schedule.male : schedule.female;
  for (
    let year = birthYear + Math.floor(line.baseMonths / 12);
    year <= birthYear + Math.ceil(line.maxMonths / 12);
    year++
  ) {
    const candidate = addMonths(dateOfBirth, retirementAgeMonths(schedule, sex, year));
    if (Number(candidate.slice(0, 4)) <= year) return candidate;
  }
  return addMonths(dateOfBirth, line.maxMonths);
}
