import { defaultRuleValues } from '@cadres/subgraph-kit';
import { refusalReasonOf } from '@cadres/testing';
import { Sex } from '../cadre/cadre.entity';
import { personnelRules } from '../rules/personnel-rules';
import { AppointmentKind } from './appointment.entity';
import {
  assertRenewalWindow,
  assertWithinTermLimit,
  renewedTermEnd,
  termEndsOn,
  termsInRun,
  type TermsHeld,
} from './appointment.rules';

const rules = defaultRuleValues(personnelRules);

describe('rule 7: the term', () => {
  it.each([
    ['2021-03-02', '2026-03-02'],
    // From 29 February, five years on is the last day of February.
    ['2024-02-29', '2029-02-28'],
    ['2028-02-29', '2033-02-28'],
  ])('a term from %s ends on %s', (on, expected) => {
    expect(termEndsOn(on, rules)).toBe(expected);
  });
});

describe('rule 7: consecutive terms in the same post', () => {
  const held = (startsOn: string, endsOn: string | null, terms: number): TermsHeld => ({ startsOn, endsOn, terms });

  it.each<[string, TermsHeld[], string, number]>([
    ['no holding', [], '2026-01-01', 0],
    ['the holding under way', [held('2016-01-01', null, 2)], '2026-01-01', 2],
    // The reset gap is 60 months from the end of one holding to the start of the next.
    ['a day short of the gap', [held('2015-01-01', '2020-01-01', 1)], '2024-12-31', 1],
    ['exactly the gap', [held('2015-01-01', '2020-01-01', 1)], '2025-01-01', 0],
    [
      'a chain whose links are each shorter than the gap',
      [held('2019-01-01', '2020-01-01', 1), held('2010-01-01', '2014-06-01', 1)],
      '2021-01-01',
      2,
    ],
    [
      'a chain broken by exactly the gap, counted from the later holding’s start',
      [held('2019-01-01', '2020-01-01', 1), held('2010-01-01', '2014-01-01', 1)],
      '2021-01-01',
      1,
    ],
    // A holding ending after the new term starts (a correction) is part of the run.
    ['an overlapping holding', [held('2020-01-01', '2026-06-01', 1)], '2026-01-01', 1],
  ])('%s: %i', (_case, holdings, on, expected) => {
    expect(termsInRun(holdings, on, rules)).toBe(expected);
  });

  it.each<[boolean, number, string | null]>([
    [true, 1, null],
    [true, 2, 'TERM_LIMIT_REACHED'],
    [true, 3, 'TERM_LIMIT_REACHED'],
    // The limit is a head's: a deputy serves any number of terms.
    [false, 5, null],
  ])('head %s with %i terms in the run: %s', (isHead, terms, expected) => {
    const holdings = [{ startsOn: '2016-01-01', endsOn: null, terms }];
    expect(refusalReasonOf(() => assertWithinTermLimit(isHead, holdings, '2026-01-01', rules))).toBe(expected);
  });
});

describe('rule 10: renewal', () => {
  // 2026-03-02 is a Monday: 90 working days before it are 18 whole weeks, Monday 2025-10-27.
  it.each([
    ['2025-10-24', 'RENEWAL_TOO_EARLY'],
    ['2025-10-27', null],
    ['2026-03-02', null],
    ['2026-03-03', 'TERM_ALREADY_ENDED'],
  ])('effective %s for a term ending 2026-03-02: %s', (on, expected) => {
    expect(refusalReasonOf(() => assertRenewalWindow('2026-03-02', on, rules))).toBe(expected);
  });

  // Retires on 2032-03-12; the threshold is 2 years to retirement at the term's end.
  const cadre = { sex: Sex.MALE, dateOfBirth: '1970-03-12' };
  it.each([
    [AppointmentKind.REAPPOINTMENT, '2030-03-12', null, '2035-03-01'],
    [AppointmentKind.EXTENSION_TO_RETIREMENT, '2030-03-12', 'EXTENSION_NOT_APPLICABLE', null],
    [AppointmentKind.REAPPOINTMENT, '2030-03-13', 'EXTENSION_REQUIRED', null],
    [AppointmentKind.EXTENSION_TO_RETIREMENT, '2030-03-13', null, '2032-03-12'],
  ] as const)('%s of a term ending %s: %s, new end %s', (kind, currentTermEnd, refusal, newEnd) => {
    let ends: string | null = null;
    expect(
      refusalReasonOf(() => {
        ends = renewedTermEnd(kind, cadre, currentTermEnd, '2030-03-01', rules);
      }),
    ).toBe(refusal);
    expect(ends).toBe(newEnd);
  });
});
