import { ConflictError } from '@cadres/core';
import { transactionRunner } from '@cadres/subgraph-kit';

/** Training's transactions: a refused constraint becomes the domain error named here. */
export const TRAINING_CONSTRAINT_ERRORS = {
  training_class_capacity: () => new ConflictError('CLASS_FULL', 'The class has no seat left.', 'enrollmentId'),
  enrollment_once_per_class: () =>
    new ConflictError('ALREADY_ENROLLED', 'The cadre is already enrolled in this class.', 'cadreId'),
  qualification_once_per_enrollment: () =>
    new ConflictError(
      'QUALIFICATION_ALREADY_GRANTED',
      'This enrollment already granted its qualification.',
      'enrollmentId',
    ),
  quota_once: () =>
    new ConflictError('DUPLICATE_QUOTA', 'The plan already has a quota for this programme, mode and unit.', 'quotas'),
  programme_code_unique: () => new ConflictError('DUPLICATE_CODE', 'A programme with this code exists.', 'code'),
  provider_code_unique: () => new ConflictError('DUPLICATE_CODE', 'A provider with this code exists.', 'code'),
  training_class_code_unique: () => new ConflictError('DUPLICATE_CODE', 'A class with this code exists.', 'code'),
  training_plan_code_unique: () => new ConflictError('DUPLICATE_CODE', 'A plan with this code exists.', 'code'),
  rule_setting_version_unique: () =>
    new ConflictError(
      'RULE_VERSION_EXISTS',
      'This rule already has a version effective from that date.',
      'effectiveFrom',
    ),
};

export const inTransaction = transactionRunner(TRAINING_CONSTRAINT_ERRORS);
