import { RuleViolationError } from '@cadres/core';
import type { OrgUnit } from './org-unit.entity';

/** A change cannot name a unit on a day it did not exist (districts ended on 30 June 2025). */
export function assertUnitExistedOn(unit: OrgUnit, on: string, field: string): void {
  if (unit.validFrom > on || (unit.validTo !== null && unit.validTo < on)) {
    throw new RuleViolationError('ORG_UNIT_NOT_IN_EXISTENCE', `${unit.name} did not exist on ${on}.`, field);
  }
}
