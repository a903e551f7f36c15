import { defaultRuleValues } from '@cadres/subgraph-kit';
import { refusalReasonOf } from '@cadres/testing';
import { Sex } from '../cadre/cadre.entity';
import { DisciplineForm } from '../discipline/discipline.entity';
import {
  assertBeforeRetirement,
  assertNotBlockedByDiscipline,
  assertServiceLeft,
  yearsOfServiceLeft,
} from './eligibility';
import { personnelRules } from './personnel-rules';

const rules = defaultRuleValues(personnelRules);
// Retires on 2032-03-12 (62, the maximum).
const cadre = { sex: Sex.MALE, dateOfBirth: '1970-03-12' };

describe('rule 9: nothing takes effect on or after the retirement date', () => {
  it.each([
    ['2032-03-11', null],
    ['2032-03-12', 'RETIREMENT_AGE_REACHED'],
    ['2032-03-13', 'RETIREMENT_AGE_REACHED'],
  ])('on %s: %s', (on, expected) => {
    expect(refusalReasonOf(() => assertBeforeRetirement(cadre, on, rules))).toBe(expected);
  });

  it.each([
    // Born on 29 February: each anniversary in a common year is 28 February.
    [{ sex: Sex.FEMALE, dateOfBirth: '1968-02-29' }, '2024-06-28', null],
    [{ sex: Sex.FEMALE, dateOfBirth: '1968-02-29' }, '2024-06-29', 'RETIREMENT_AGE_REACHED'],
  ])('%o on %s: %s', (who, on, expected) => {
    expect(refusalReasonOf(() => assertBeforeRetirement(who, on, rules))).toBe(expected);
  });
});

describe('rules 8 and 11: years of service left', () => {
  it.each([
    ['2027-03-12', 5],
    ['2022-03-12', 10],
    ['2032-03-12', 0],
    ['2033-03-12', -1],
  ])('on %s: exactly %d', (on, years) => {
    expect(yearsOfServiceLeft(cadre, on, rules)).toBe(years);
  });

  it.each([
    // Exactly the minimum is enough; a day later is not.
    ['2027-03-12', 5, null],
    ['2027-03-13', 5, 'INSUFFICIENT_SERVICE_LEFT'],
    ['2022-03-12', 10, null],
    ['2022-03-13', 10, 'INSUFFICIENT_SERVICE_LEFT'],
  ])('on %s with %d years required: %s', (on, minYears, expected) => {
    expect(refusalReasonOf(() => assertServiceLeft(cadre, on, minYears, rules, 'INSUFFICIENT_SERVICE_LEFT'))).toBe(
      expected,
    );
  });
});

describe('rule 12: discipline blocks promotion for a while', () => {
  it.each([
    // Reprimand: 24 months; from 29 February the block ends on 28 February two years on.
    [DisciplineForm.REPRIMAND, '2024-02-29', '2026-02-27', 'DISCIPLINE_BLOCK'],
    [DisciplineForm.REPRIMAND, '2024-02-29', '2026-02-28', null],
    // Warning: 36 months; a 31st ends on the 31st when the month has one.
    [DisciplineForm.WARNING, '2023-05-31', '2026-05-30', 'DISCIPLINE_BLOCK'],
    [DisciplineForm.WARNING, '2023-05-31', '2026-05-31', null],
    // Removal from office: 60 months.
    [DisciplineForm.REMOVAL_FROM_OFFICE, '2021-01-15', '2026-01-14', 'DISCIPLINE_BLOCK'],
    [DisciplineForm.REMOVAL_FROM_OFFICE, '2021-01-15', '2026-01-15', null],
  ])('%s effective %s, promotion on %s: %s', (form, effectiveOn, on, expected) => {
    expect(refusalReasonOf(() => assertNotBlockedByDiscipline([{ form, effectiveOn }], on, rules))).toBe(expected);
  });

  it('looks at every measure, not only the latest (here the older one blocks longer)', () => {
    const measures = [
      { form: DisciplineForm.REPRIMAND, effectiveOn: '2025-01-01' },
      { form: DisciplineForm.REMOVAL_FROM_OFFICE, effectiveOn: '2022-01-02' },
    ];
    expect(refusalReasonOf(() => assertNotBlockedByDiscipline(measures, '2027-01-01', rules))).toBe('DISCIPLINE_BLOCK');
    expect(refusalReasonOf(() => assertNotBlockedByDiscipline(measures, '2027-01-02', rules))).toBe(null);
    expect(refusalReasonOf(() => assertNotBlockedByDiscipline([], '2027-01-01', rules))).toBe(null);
  });
});
