import { refusalReasonOf } from '@cadres/testing';
import type { Quota } from '../plan/plan.entity';
import { EnrollmentStatus } from './enrollment.entity';
import {
  assertAttended,
  assertQuotaRoom,
  assertTransition,
  compensationOwed,
  nearestQuota,
  nomineesAllowed,
  studyCommitment,
} from './enrollment.rules';

describe('rule 2: nominees per quota', () => {
  it.each([
    [10, 1.2, 12],
    [5, 1.2, 6],
    // Rounded down: 3.6 allows 3.
    [3, 1.2, 3],
    [1, 1.2, 1],
    [0, 1.2, 0],
    // 20 × 1.15 is 22.999… in binary: still 23.
    [20, 1.15, 23],
    [7, 1.5, 10],
  ])('a quota of %i at ratio %d allows %i', (quota, ratio, allowed) => {
    expect(nomineesAllowed(quota, ratio)).toBe(allowed);
  });

  it.each([
    [11, null],
    [12, 'QUOTA_EXCEEDED'],
    [13, 'QUOTA_EXCEEDED'],
  ])('a quota of 10 with %i nominees already: %s', (nominees, expected) => {
    expect(refusalReasonOf(() => assertQuotaRoom(10, nominees, 1.2))).toBe(expected);
  });
});

describe('enrollment statuses', () => {
  const { NOMINATED, ADMITTED, STUDYING, COMPLETED, NOT_COMPLETED, DEFERRED, WITHDRAWN } = EnrollmentStatus;
  it.each([
    [NOMINATED, ADMITTED, null],
    [NOMINATED, STUDYING, 'INVALID_TRANSITION'],
    [NOMINATED, COMPLETED, 'INVALID_TRANSITION'],
    [ADMITTED, STUDYING, null],
    [STUDYING, NOT_COMPLETED, null],
    [STUDYING, NOMINATED, 'INVALID_TRANSITION'],
    [DEFERRED, NOMINATED, null],
    [DEFERRED, ADMITTED, 'INVALID_TRANSITION'],
    // Final statuses go nowhere, not even to themselves.
    [COMPLETED, WITHDRAWN, 'INVALID_TRANSITION'],
    [COMPLETED, COMPLETED, 'INVALID_TRANSITION'],
    [WITHDRAWN, NOMINATED, 'INVALID_TRANSITION'],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(refusalReasonOf(() => assertTransition(from, to))).toBe(expected);
  });

  it.each([
    [STUDYING, null],
    [COMPLETED, null],
    [NOT_COMPLETED, null],
    [NOMINATED, 'DID_NOT_ATTEND'],
    [ADMITTED, 'DID_NOT_ATTEND'],
    [DEFERRED, 'DID_NOT_ATTEND'],
    [WITHDRAWN, 'DID_NOT_ATTEND'],
  ])('rule 6: feedback from a trainee %s: %s', (status, expected) => {
    expect(refusalReasonOf(() => assertAttended(status))).toBe(expected);
  });
});

describe('rule 5: the postgraduate service commitment', () => {
  it.each([
    // The programme's length when it has one…
    [24, '2025-09-01', '2027-08-31', 3, { studyMonths: 24, serviceMonths: 72 }],
    // …else the class's whole months, at least one.
    [null, '2025-09-01', '2027-08-31', 3, { studyMonths: 23, serviceMonths: 69 }],
    [null, '2025-09-01', '2027-09-01', 3, { studyMonths: 24, serviceMonths: 72 }],
    [null, '2025-09-01', '2025-09-20', 3, { studyMonths: 1, serviceMonths: 3 }],
    // Rounded up.
    [3, '2025-09-01', '2025-12-01', 2.5, { studyMonths: 3, serviceMonths: 8 }],
  ])('programme of %s months, class %s to %s, multiplier %d: %o', (duration, start, end, multiplier, expected) => {
    expect(studyCommitment(duration, start, end, multiplier)).toEqual(expected);
  });

  const commitment = { serviceMonths: 72, studyCost: '72000000' };
  it.each([
    // Left during the study: all of it.
    ['2027-01-01', 72_000_000],
    ['2027-08-31', 72_000_000],
    ['2028-08-31', 60_000_000],
    ['2033-08-30', 1_000_000],
  ])('left on %s after a class ending 2027-08-31: owes %i', (brokenOn, owed) => {
    expect(compensationOwed(commitment, '2027-08-31', brokenOn)).toBe(owed);
  });

  it.each(['2033-08-31', '2040-01-01'])('left on %s: the commitment was served', (brokenOn) => {
    expect(refusalReasonOf(() => compensationOwed(commitment, '2027-08-31', brokenOn))).toBe('COMMITMENT_SERVED');
  });
});

describe('the quota a nomination counts against', () => {
  const quota = (id: string, orgUnitId: string | null) => ({ id, orgUnitId }) as Quota;
  // The nominee's unit u3, under u2, under the root u1.
  const unit = { id: 'u3', ancestors: [{ id: 'u1' }, { id: 'u2' }] };
  const pick = (covering: Quota[], cited: string | null = null) => {
    let chosen: string | null | undefined;
    const refusal = refusalReasonOf(() => {
      chosen = nearestQuota(covering, unit, cited)?.id ?? null;
    });
    return refusal ?? chosen;
  };

  it.each<[string, Quota[], string | null, string | null]>([
    ['the unit’s own before its ancestors’', [quota('p', null), quota('q1', 'u1'), quota('q3', 'u3')], null, 'q3'],
    ['the nearest ancestor’s', [quota('p', null), quota('q1', 'u1'), quota('q2', 'u2')], null, 'q2'],
    ['the province’s when no unit of the chain has one', [quota('p', null), quota('x', 'other')], null, 'p'],
    ['none covering the unit', [quota('x', 'other')], null, null],
    ['none at all', [], null, null],
    ['two at the same distance', [quota('a', 'u2'), quota('b', 'u2')], null, 'QUOTA_AMBIGUOUS'],
    ['two at the same distance, one cited', [quota('a', 'u2'), quota('b', 'u2')], 'b', 'b'],
    ['a farther one cited', [quota('p', null), quota('q3', 'u3')], 'p', 'QUOTA_MISMATCH'],
    ['one cited where none covers', [], 'p', 'QUOTA_MISMATCH'],
  ])('%s: %s', (_case, covering, cited, expected) => {
    expect(pick(covering, cited)).toBe(expected);
  });
});
