import { RuleViolationError } from '@cadres/core';
import type { Term } from './term.entity';

/** The day ages are counted at for a title level in a term (the term's start when none is set). */
export function referenceDate(term: Pick<Term, 'startYear' | 'ageReferenceDates'>, level: string): string {
  return term.ageReferenceDates?.[level] ?? `${term.startYear}-01-01`;
}

/**
 * Issue 15, item 8: a term is closed once its last year is over; it then takes no new entries and
 * no approvals (its planning has done its work; the next term's is where candidates go).
 */
export function assertTermOpen(term: Pick<Term, 'code' | 'endYear'>, on: string, field: string): void {
  if (Number(on.slice(0, 4)) > term.endYear) {
    throw new RuleViolationError(
      'TERM_CLOSED',
      `The term ${term.code} ended in ${term.endYear}; it accepts no new entries or approvals.`,
      field,
    );
  }
}
