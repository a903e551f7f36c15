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
    expect(yearsBetween('2020-01-01', '2025-01-01')).toBe(5);
    expect(yearsBetween('2020-01-01', '2020-07-02')).toBeCloseTo(0.5, 2);
  });

  it('counts years by the calendar: an anniversary is a whole number of years, leap days or not', () => {
    // Five calendar years holding a 29 February (2028) are five years, not 4.997.
    expect(yearsBetween('2026-03-02', '2031-03-02')).toBe(5);
    expect(yearsBetween('2026-03-02', '2031-03-01')).toBeLessThan(5);
    expect(yearsBetween('2027-12-07', '2037-12-07')).toBe(10);
    // From 29 February, a year ends on 28 February of a common year.
    expect(yearsBetween('2024-02-29', '2029-02-28')).toBe(5);
    expect(yearsBetween('2024-02-29', '2029-02-27')).toBeLessThan(5);
    expect(yearsBetween('2031-03-02', '2026-03-02')).toBe(-5);
  });

  it('skips weekends when counting working days back', () => {
    // Monday 2 December 2024, 5 working days back: Monday 25 November.
    expect(subtractWorkingDays('2024-12-02', 5)).toBe('2024-11-25');
  });
});
