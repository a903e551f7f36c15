import { defaultRuleValues } from '@cadres/subgraph-kit';
import { refusalReasonOf } from '@cadres/testing';
import { personnelRules } from '../rules/personnel-rules';
import { MobilityKind } from './mobility.entity';
import { assertMobilityDuration } from './mobility.rules';

const rules = defaultRuleValues(personnelRules);

describe('rule 11: how long a move lasts', () => {
  it.each([
    // A rotation: at least 36 whole months; from a 31st, the month's last day is a day short.
    [MobilityKind.ROTATION, '2024-01-31', '2027-01-30', 'ROTATION_TOO_SHORT'],
    [MobilityKind.ROTATION, '2024-01-31', '2027-01-31', null],
    [MobilityKind.ROTATION, '2024-02-29', '2027-03-01', null],
    [MobilityKind.ROTATION, '2024-03-01', '2027-02-28', 'ROTATION_TOO_SHORT'],
    // A secondment: at most 36 whole months.
    [MobilityKind.SECONDMENT, '2024-01-15', '2027-01-15', null],
    [MobilityKind.SECONDMENT, '2024-01-15', '2027-02-14', null],
    [MobilityKind.SECONDMENT, '2024-01-15', '2027-02-15', 'SECONDMENT_TOO_LONG'],
    // The limits are each kind's own: a long secondment is no rotation and a short rotation no secondment.
    [MobilityKind.SECONDMENT, '2024-01-15', '2024-03-15', null],
    [MobilityKind.ROTATION, '2024-01-15', '2034-01-15', null],
  ])('%s from %s to %s: %s', (kind, startsOn, plannedEndOn, expected) => {
    expect(refusalReasonOf(() => assertMobilityDuration(kind, startsOn, plannedEndOn, rules))).toBe(expected);
  });

  it('a transfer has no end to measure', () => {
    expect(refusalReasonOf(() => assertMobilityDuration(MobilityKind.TRANSFER, '2024-01-15', null, rules))).toBe(null);
  });
});
