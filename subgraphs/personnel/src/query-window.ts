import { BadInputError } from '@cadres/core';

/** The longest look-ahead of the "ending within N days" lists (ten years). */
const MAX_WINDOW_DAYS = 3660;

export function checkWindow(withinDays: number): number {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WINDOW_DAYS) {
    throw new BadInputError(`withinDays must be between 0 and ${MAX_WINDOW_DAYS}`, 'withinDays');
  }
  return withinDays;
}
