import { refusalReasonOf } from '@cadres/testing';
import type { CareerAssignment } from '../../clients/personnel-client';
import {
  assertAboveCurrentPost,
  assertRoomForTitleAtLevel,
  realisingAppointment,
  serviceLeftWarnings,
  UNDER_TWO_TERMS,
} from './planning-rules';

const holding = (...ranks: number[]) => ({
  currentAssignments: ranks.map((rank, i) => ({ title: { id: `t${i}`, level: 'PROVINCE', rank } })),
});

describe('rule 14: only titles above the current post', () => {
  it.each([
    [[], 0, null],
    [[49], 50, null],
    [[50], 50, 'NOT_ABOVE_CURRENT_POST'],
    [[60], 50, 'NOT_ABOVE_CURRENT_POST'],
    // The highest post held counts.
    [[30, 60], 55, 'NOT_ABOVE_CURRENT_POST'],
    [[30, 60], 61, null],
  ])('holding ranks %o, planned for rank %i: %s', (ranks, titleRank, expected) => {
    expect(refusalReasonOf(() => assertAboveCurrentPost(holding(...ranks), titleRank))).toBe(expected);
  });
});

describe('rule 14: titles per cadre at one level', () => {
  it.each([
    [0, null],
    [2, null],
    [3, 'TOO_MANY_TITLES'],
  ])('already planned for %i: %s', (atLevel, expected) => {
    expect(
      refusalReasonOf(() =>
        assertRoomForTitleAtLevel(atLevel, 'PROVINCE', '2025-2030', { maxTitlesPerCadreAtLevel: 3 }),
      ),
    ).toBe(expected);
  });
});

describe('rule 15: service left at the term’s reference date', () => {
  const limits = { termYears: 5, minTermsOfService: 1, warnBelowTerms: 2 };
  it.each<[string, string, string | string[]]>([
    // Exactly one term is enough, with the warning; a day less is not.
    ['2030-01-01', '2035-01-01', [UNDER_TWO_TERMS]],
    ['2030-01-01', '2034-12-31', 'NOT_ENOUGH_SERVICE_FOR_TERM'],
    // Exactly two terms: no warning; a day less: the warning.
    ['2030-01-01', '2040-01-01', []],
    ['2030-01-01', '2039-12-31', [UNDER_TWO_TERMS]],
    // From 29 February, five years on is 28 February.
    ['2028-02-29', '2033-02-28', [UNDER_TWO_TERMS]],
    ['2028-02-29', '2033-02-27', 'NOT_ENOUGH_SERVICE_FOR_TERM'],
  ])('reference %s, retiring %s: %o', (reference, retirementDate, expected) => {
    let warnings: string[] | undefined;
    const refusal = refusalReasonOf(() => {
      warnings = serviceLeftWarnings({ retirementDate }, reference, limits);
    });
    expect(refusal ?? warnings).toEqual(expected);
  });
});

describe('the appointment that realises an entry', () => {
  const assignment = (startsOn: string, fields: Partial<CareerAssignment> = {}): CareerAssignment => ({
    __typename: 'Assignment',
    id: `a-${startsOn}`,
    startsOn,
    acting: false,
    cancelled: false,
    title: { id: 't' },
    orgUnit: { id: 'u' },
    ...fields,
  });
  const APPROVED = '2026-01-10';
  const REALISED_BY = '2026-06-30';

  it.each<[string, CareerAssignment[], string | null, string | null, string | null]>([
    ['on the approval day', [assignment(APPROVED)], 'u', APPROVED, `a-${APPROVED}`],
    ['on the realisation day', [assignment(REALISED_BY)], 'u', APPROVED, `a-${REALISED_BY}`],
    ['a day before the approval', [assignment('2026-01-09')], 'u', APPROVED, null],
    ['a day after the realisation decision', [assignment('2026-07-01')], 'u', APPROVED, null],
    ['acting', [assignment('2026-03-01', { acting: true })], 'u', APPROVED, null],
    ['cancelled', [assignment('2026-03-01', { cancelled: true })], 'u', APPROVED, null],
    ['in another unit', [assignment('2026-03-01', { orgUnit: { id: 'v' } })], 'u', APPROVED, null],
    [
      'in any unit for a title planned without one',
      [assignment('2026-03-01', { orgUnit: { id: 'v' } })],
      null,
      APPROVED,
      'a-2026-03-01',
    ],
    ['an entry never approved', [assignment('2026-03-01')], 'u', null, null],
  ])('%s: %s', (_case, assignments, plannedUnitId, approvedOn, expected) => {
    expect(realisingAppointment(assignments, plannedUnitId, approvedOn, REALISED_BY)?.id ?? null).toBe(expected);
  });
});
