import { refusalReasonOf } from '@cadres/testing';
import { assertTermOpen, referenceDate } from './term.rules';

describe('a term’s reference date for ages', () => {
  const term = { startYear: 2025, ageReferenceDates: { PROVINCE: '2025-10-01' } };
  it.each([
    ['PROVINCE', '2025-10-01'],
    // A level without its own date counts from the term's first day.
    ['COMMUNE', '2025-01-01'],
  ])('%s: %s', (level, expected) => {
    expect(referenceDate(term, level)).toBe(expected);
  });
});

describe('a term takes entries until its last year is over', () => {
  const term = { code: '2020-2025', endYear: 2025 };
  it.each([
    ['2020-01-01', null],
    ['2025-12-31', null],
    ['2026-01-01', 'TERM_CLOSED'],
  ])('on %s: %s', (on, expected) => {
    expect(refusalReasonOf(() => assertTermOpen(term, on, 'plannedTitleId'))).toBe(expected);
  });
});
