import { addMonths, monthsBetween, subtractWorkingDays, yearsBetween } from './dates';

describe('dates', () => {
  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2021-03-31', -1)).toBe('2021-02-28');
  });

  it('counts whole months', () => {
    expect(monthsBetween('2022-01-15', '2025-01-15')).toBe(36);
    expect(monthsBetween('2022-01-15', '2025-01-14')).toBe(35);
  });

  it('measures years as decimals', () => {
    expect(yearsBetween('2020-01-01', '2025-01-01')).toBeCloseTo(5, 2);
  });

  it('skips weekends when counting working days back', () => {
    // Monday 2 December 2024, 5 working days back: Monday 25 November.
    expect(subtractWorkingDays('2024-12-02', 5)).toBe('2024-11-25');
  });
});
