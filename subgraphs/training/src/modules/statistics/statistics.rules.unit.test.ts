import { selectionRatio } from './statistics.rules';

describe('rule 3: the 1 : 1.2 selection ratio', () => {
  it.each([
    // concentrated, non-concentrated → allowance, ratio, compliant
    [10, 12, 12, 1.2, true],
    [10, 13, 12, 1.3, false],
    [5, 6, 6, 1.2, true],
    // 3 × 1.2 = 3.6: a part of a trainee allows a whole one.
    [3, 4, 4, 1.333, true],
    [3, 5, 4, 1.667, false],
    [3, 1, 4, 0.333, true],
    // Nobody sent to a concentrated course: no ratio, no allowance.
    [0, 0, 0, null, true],
    [0, 1, 0, null, false],
  ])('%i concentrated, %i non-concentrated: %i allowed, ratio %s, compliant %s', (c, n, allowed, ratio, compliant) => {
    expect(selectionRatio({ concentrated: c, nonConcentrated: n }, 1.2)).toEqual({
      concentrated: c,
      nonConcentrated: n,
      allowedRatio: 1.2,
      allowedNonConcentrated: allowed,
      ratio,
      compliant,
    });
  });

  it('keeps the row’s other columns', () => {
    expect(selectionRatio({ planCode: 'KH-2022', concentrated: 2, nonConcentrated: 2 }, 1.5)).toMatchObject({
      planCode: 'KH-2022',
      allowedNonConcentrated: 3,
    });
  });
});
