import { refusalReasonOf } from '@cadres/testing';
import { OrgUnitLevel, type OrgUnit } from './org-unit.entity';
import { assertUnitExistedOn } from './org-unit.rules';

const unit = (validFrom: string, validTo: string | null) =>
  ({ name: 'Huyện Mường Chà', level: OrgUnitLevel.DISTRICT, validFrom, validTo }) as OrgUnit;

describe('a change names a unit only on a day it existed', () => {
  it.each([
    // Districts ended on 30 June 2025: their last day is still a day they existed.
    ['2004-01-01', '2025-06-30', '2025-06-30', null],
    ['2004-01-01', '2025-06-30', '2025-07-01', 'ORG_UNIT_NOT_IN_EXISTENCE'],
    ['2004-01-01', '2025-06-30', '2004-01-01', null],
    ['2004-01-01', '2025-06-30', '2003-12-31', 'ORG_UNIT_NOT_IN_EXISTENCE'],
    ['2004-01-01', null, '2099-12-31', null],
  ])('valid %s to %s, on %s: %s', (validFrom, validTo, on, expected) => {
    expect(refusalReasonOf(() => assertUnitExistedOn(unit(validFrom, validTo), on, 'orgUnitId'))).toBe(expected);
  });
});
