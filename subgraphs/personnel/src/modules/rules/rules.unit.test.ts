import { Sex } from '../cadre/cadre.entity';
import { personnelRules } from './personnel-rules';
import { retirementAgeMonths, retirementDate } from './retirement';

const schedule = personnelRules.retirementSchedule.defaultValue;

describe('retirement age (Decree 135/2020)', () => {
  it.each([
    [Sex.MALE, 2020, 720],
    [Sex.MALE, 2021, 723],
    [Sex.MALE, 2024, 732],
    [Sex.MALE, 2028, 744],
    [Sex.MALE, 2040, 744],
    [Sex.FEMALE, 2021, 664],
    [Sex.FEMALE, 2025, 680],
    [Sex.FEMALE, 2035, 720],
    [Sex.FEMALE, 2050, 720],
  ])('%s reaching it in %i: %i months', (sex, year, expected) => {
    expect(retirementAgeMonths(schedule, sex, year)).toBe(expected);
  });

  it.each([
    // Reached 60 before the reform: retires at 60.
    [Sex.MALE, '1960-06-15', '2020-06-15'],
    // Born January 1961: 60y3m in 2021.
    [Sex.MALE, '1961-01-10', '2021-04-10'],
    // Born May 1964: 61y would land in 2025, where the age is 61y3m (the Decree's table: pension from 9/2025).
    [Sex.MALE, '1964-05-01', '2025-08-01'],
    // Born 1970: the maximum, 62.
    [Sex.MALE, '1970-03-12', '2032-03-12'],
    // Woman born 1966: 55y4m would land in 2021, where the age is 55y4m.
    [Sex.FEMALE, '1966-02-20', '2021-06-20'],
    // Woman born 1980: the maximum, 60.
    [Sex.FEMALE, '1980-08-31', '2040-08-31'],
  ])('%s born %s retires on %s', (sex, born, expected) => {
    expect(retirementDate(schedule, sex, born)).toBe(expected);
  });
});

describe('retirement age at the edges of the schedule', () => {
  it.each([
    // The last man under the old rule: 60 reached on the base year's last day.
    [Sex.MALE, '1960-12-31', '2020-12-31'],
    // The first under the new one: 60y3m.
    [Sex.MALE, '1961-01-01', '2021-04-01'],
    // The first year at the maximum, from the 31st of a month.
    [Sex.MALE, '1966-08-31', '2028-08-31'],
    // Born on 29 February: 56y4m lands on 29 June.
    [Sex.FEMALE, '1968-02-29', '2024-06-29'],
    // The first woman at the maximum.
    [Sex.FEMALE, '1980-01-01', '2040-01-01'],
  ])('%s born %s retires on %s', (sex, born, expected) => {
    expect(retirementDate(schedule, sex, born)).toBe(expected);
  });

  it.each([
    [Sex.MALE, 2027, 741],
    [Sex.MALE, 2028, 744],
    [Sex.FEMALE, 2034, 716],
    [Sex.FEMALE, 2035, 720],
  ])('%s in %i, the step before and at the maximum: %i months', (sex, year, expected) => {
    expect(retirementAgeMonths(schedule, sex, year)).toBe(expected);
  });
});
