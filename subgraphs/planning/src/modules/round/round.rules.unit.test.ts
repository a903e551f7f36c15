import { RemovalReason } from './round.entity';
import { reviewFlags, type ReviewCase } from './round.rules';

/** A candidate with ten years left at the reference date, no measure, rated GOOD, planned for one title. */
function reviewCase(overrides: { [K in keyof ReviewCase]?: Partial<ReviewCase[K]> } & { titlesAtLevel?: number } = {}) {
  const c: ReviewCase = {
    plannedTitle: { titleId: 'planned', titleLevel: 'PROVINCE', ...overrides.plannedTitle },
    facts: {
      retirementDate: '2040-01-01',
      disciplines: [],
      evaluations: [{ year: 2025, rating: 'GOOD' }],
      currentAssignments: [],
      ...overrides.facts,
    },
    term: { startYear: 2030, ageReferenceDates: { PROVINCE: '2030-01-01' }, ...overrides.term },
    limits: {
      termYears: 5,
      minTermsOfService: 1,
      disciplineLookbackMonths: 12,
      maxTitlesPerCadreAtLevel: 3,
      ...overrides.limits,
    },
    round: { openedOn: '2026-03-15', year: 2026, ...overrides.round },
    titlesAtLevel: overrides.titlesAtLevel ?? 1,
  };
  return reviewFlags(c).map((flag) => flag.reason);
}

describe('rule 16: the annual review’s flags', () => {
  it('flags nothing for a candidate who meets every condition', () => {
    expect(reviewCase()).toEqual([]);
  });

  it.each([
    // A full term left at the reference date is enough; a day less is over age.
    ['2035-01-01', []],
    ['2034-12-31', [RemovalReason.OVER_AGE]],
  ])('retiring %s: %o', (retirementDate, expected) => {
    expect(reviewCase({ facts: { retirementDate } })).toEqual(expected);
  });

  it.each([
    // The look-back runs from 12 months before the round opened to its opening day.
    ['2025-03-14', []],
    ['2025-03-15', [RemovalReason.DISCIPLINED]],
    ['2026-03-15', [RemovalReason.DISCIPLINED]],
    ['2026-03-16', []],
  ])('a reprimand effective %s: %o', (effectiveOn, expected) => {
    expect(reviewCase({ facts: { disciplines: [{ form: 'REPRIMAND', effectiveOn }] } })).toEqual(expected);
  });

  it.each([
    // The round's previous year is the one that counts.
    [2025, [RemovalReason.RATED_NOT_COMPLETED]],
    [2024, []],
  ])('rated NOT_COMPLETED for %i: %o', (year, expected) => {
    expect(reviewCase({ facts: { evaluations: [{ year, rating: 'NOT_COMPLETED' }] } })).toEqual(expected);
  });

  it.each([
    ['planned', [RemovalReason.ALREADY_APPOINTED]],
    ['another', []],
  ])('holding title %s: %o', (titleId, expected) => {
    expect(
      reviewCase({ facts: { currentAssignments: [{ title: { id: titleId, level: 'PROVINCE', rank: 50 } }] } }),
    ).toEqual(expected);
  });

  it.each([
    [3, []],
    [4, [RemovalReason.TOO_MANY_TITLES]],
  ])('planned for %i titles at the level: %o', (titlesAtLevel, expected) => {
    expect(reviewCase({ titlesAtLevel })).toEqual(expected);
  });

  it('gives every reason that applies, in the rule’s order', () => {
    expect(
      reviewCase({
        facts: {
          retirementDate: '2031-01-01',
          disciplines: [{ form: 'WARNING', effectiveOn: '2026-01-01' }],
          evaluations: [{ year: 2025, rating: 'NOT_COMPLETED' }],
          currentAssignments: [{ title: { id: 'planned', level: 'PROVINCE', rank: 50 } }],
        },
        titlesAtLevel: 4,
      }),
    ).toEqual([
      RemovalReason.OVER_AGE,
      RemovalReason.DISCIPLINED,
      RemovalReason.RATED_NOT_COMPLETED,
      RemovalReason.ALREADY_APPOINTED,
      RemovalReason.TOO_MANY_TITLES,
    ]);
  });
});
