import { ConflictError, RuleViolationError } from '@cadres/core';
import { transactionRunner } from '@cadres/subgraph-kit';

/** Personnel's transactions: a refused constraint becomes the domain error named here. */
export const PERSONNEL_CONSTRAINT_ERRORS = {
  cadre_personal_id_unique: () =>
    new ConflictError('DUPLICATE_PERSONAL_ID', 'Another cadre has this personal ID number.', 'personalIdNumber'),
  decision_number_unique: () =>
    new ConflictError('DUPLICATE_DECISION_NUMBER', 'A decision with this number exists.', 'number'),
  assignment_single_holder: () =>
    new ConflictError(
      'TITLE_ALREADY_HELD',
      'Someone else holds this single-holder title in this unit on that date.',
      'titleId',
    ),
  assignment_not_twice: () =>
    new ConflictError('ALREADY_HOLDS_TITLE', 'The cadre already holds this title in this unit then.', 'titleId'),
  assignment_title_at_unit_level: () =>
    new RuleViolationError('TITLE_NOT_AT_UNIT_LEVEL', 'This title does not exist in units of that level.', 'orgUnitId'),
  evaluation_once_a_year: () =>
    new ConflictError('EVALUATION_EXISTS', 'The cadre already has an evaluation for this year.', 'year'),
  rule_setting_version_unique: () =>
    new ConflictError(
      'RULE_VERSION_EXISTS',
      'This rule already has a version effective from that date.',
      'effectiveFrom',
    ),
};

export const inTransaction = transactionRunner(PERSONNEL_CONSTRAINT_ERRORS);
