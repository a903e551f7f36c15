import { defaultRuleValues } from '@cadres/subgraph-kit';
import { refusalReasonOf } from '@cadres/testing';
import type { CadreFacts } from '../../clients/personnel-client';
import { ProgrammeCategory, type Programme } from '../programme/programme.entity';
import { QualificationKind } from '../qualification/qualification.enums';
import { trainingRules } from '../rules/training-rules';
import { TrainingMode } from '../training-class/training-class.entity';
import { ageOn, checkEligibility } from './eligibility';

const rules = defaultRuleValues(trainingRules);
const ON = '2026-05-10';

const INTERMEDIATE = {
  grantsKind: QualificationKind.POLITICAL_THEORY,
  grantsLevel: 'INTERMEDIATE',
  category: ProgrammeCategory.POLITICAL_THEORY,
} as Pick<Programme, 'grantsKind' | 'grantsLevel' | 'category'>;
const ADVANCED = { ...INTERMEDIATE, grantsLevel: 'ADVANCED' };
const POSTGRADUATE = {
  grantsKind: QualificationKind.DEGREE,
  grantsLevel: 'MASTER',
  category: ProgrammeCategory.POSTGRADUATE,
};
const REFRESHER = { grantsKind: null, grantsLevel: null, category: ProgrammeCategory.SECTOR_REFRESHER };

/** A Kinh man of 40, Party member with a bachelor's degree, rated GOOD then EXCELLENT, holding a rank-50 title. */
function facts(overrides: Partial<CadreFacts> = {}): CadreFacts {
  return {
    id: 'c',
    sex: 'MALE',
    dateOfBirth: '1986-01-01',
    ethnicity: 'Kinh',
    isPartyMember: true,
    degrees: [{ level: 'BACHELOR' }],
    evaluations: [
      { year: 2025, rating: 'GOOD' },
      { year: 2024, rating: 'EXCELLENT' },
    ],
    currentAssignments: [{ title: { code: 'TP', rank: 50 } }],
    orgUnit: { id: 'u', ancestors: [] },
    ...overrides,
  };
}

const check = (
  programme: Pick<Programme, 'grantsKind' | 'grantsLevel' | 'category'>,
  cadre: CadreFacts,
  mode = TrainingMode.CONCENTRATED,
) => refusalReasonOf(() => checkEligibility(programme, mode, cadre, ON, rules));

describe('age on a day', () => {
  it.each([
    ['1996-05-10', '2026-05-10', 30],
    ['1996-05-11', '2026-05-10', 29],
    // Born on 29 February: a year older on 1 March in common years, on 29 February in leap years.
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
    ['2000-02-29', '2028-02-28', 27],
    ['2000-02-29', '2028-02-29', 28],
  ])('born %s, on %s: %i', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });
});

describe('rule 4: intermediate political theory', () => {
  it.each<[string, Partial<CadreFacts>, string | null]>([
    ['the model nominee', {}, null],
    ['not a Party member', { isPartyMember: false }, 'NOT_PARTY_MEMBER'],
    ['no degree', { degrees: [] }, 'DEGREE_REQUIRED'],
    ['exactly the minimum degree (college)', { degrees: [{ level: 'COLLEGE' }] }, null],
    ['an ethnic-minority cadre without a degree (the exception)', { degrees: [], ethnicity: 'Thái' }, null],
    [
      'last year rated COMPLETED',
      {
        evaluations: [
          { year: 2025, rating: 'COMPLETED' },
          { year: 2024, rating: 'GOOD' },
        ],
      },
      'EVALUATIONS_INSUFFICIENT',
    ],
    ['the year before not rated', { evaluations: [{ year: 2025, rating: 'GOOD' }] }, 'EVALUATIONS_INSUFFICIENT'],
    [
      'an older poor rating outside the two years',
      {
        evaluations: [
          { year: 2025, rating: 'GOOD' },
          { year: 2024, rating: 'GOOD' },
          { year: 2023, rating: 'NOT_COMPLETED' },
        ],
      },
      null,
    ],
  ])('%s: %s', (_case, overrides, expected) => {
    expect(check(INTERMEDIATE, facts(overrides))).toBe(expected);
  });

  it.each<['MALE' | 'FEMALE', string, TrainingMode, string | null]>([
    // Non-concentrated: 30 for men, 28 for women, reached on the birthday.
    ['MALE', '1996-05-10', TrainingMode.NON_CONCENTRATED, null],
    ['MALE', '1996-05-11', TrainingMode.NON_CONCENTRATED, 'TOO_YOUNG_FOR_NON_CONCENTRATED'],
    ['FEMALE', '1998-05-10', TrainingMode.NON_CONCENTRATED, null],
    ['FEMALE', '1998-05-11', TrainingMode.NON_CONCENTRATED, 'TOO_YOUNG_FOR_NON_CONCENTRATED'],
    // The concentrated mode has no minimum age.
    ['MALE', '2002-01-01', TrainingMode.CONCENTRATED, null],
  ])('%s born %s, %s: %s', (sex, dateOfBirth, mode, expected) => {
    expect(check(INTERMEDIATE, facts({ sex, dateOfBirth }), mode)).toBe(expected);
  });

  it('stores the facts looked at, the last three years’ ratings and the limits', () => {
    const cadre = facts({
      evaluations: [
        { year: 2025, rating: 'GOOD' },
        { year: 2024, rating: 'GOOD' },
        { year: 2023, rating: 'GOOD' },
        { year: 2022, rating: 'GOOD' },
      ],
    });
    const snapshot = checkEligibility(INTERMEDIATE, TrainingMode.CONCENTRATED, cadre, ON, rules);
    expect(snapshot).toMatchObject({
      checkedOn: ON,
      rule: 'INTERMEDIATE_POLITICAL_THEORY_ELIGIBILITY',
      facts: { age: 40, highestDegree: 'BACHELOR', highestTitleRank: 50 },
      limits: rules.intermediatePoliticalTheory,
    });
    expect(snapshot.facts.recentRatings.map((r) => r.year)).toEqual([2025, 2024, 2023]);
  });
});

describe('rule 4: advanced political theory, by title', () => {
  it.each<[string, Partial<CadreFacts>, string | null]>([
    ['exactly the minimum rank (50)', {}, null],
    ['one rank below', { currentAssignments: [{ title: { code: 'PP', rank: 49 } }] }, 'TITLE_NOT_ELIGIBLE'],
    [
      'the highest of several titles counts',
      { currentAssignments: [{ title: { code: 'PP', rank: 20 } }, { title: { code: 'TP', rank: 60 } }] },
      null,
    ],
    ['no title', { currentAssignments: [] }, 'TITLE_NOT_ELIGIBLE'],
    ['not a Party member', { isPartyMember: false }, 'NOT_PARTY_MEMBER'],
  ])('%s: %s', (_case, overrides, expected) => {
    expect(check(ADVANCED, facts(overrides))).toBe(expected);
  });
});

describe('rule 5: postgraduate study up to 45', () => {
  it.each([
    ['1981-05-10', null],
    ['1980-05-11', null],
    ['1980-05-10', 'TOO_OLD_FOR_POSTGRADUATE'],
  ])('born %s: %s', (dateOfBirth, expected) => {
    expect(check(POSTGRADUATE, facts({ dateOfBirth }))).toBe(expected);
  });

  it('a refresher course has no eligibility rule', () => {
    expect(check(REFRESHER, facts({ isPartyMember: false, degrees: [], evaluations: [] }))).toBe(null);
  });
});
