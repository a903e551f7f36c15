import { ConflictError, type DomainError } from '@cadres/core';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The database keeps the invariants that must hold under concurrency (unique numbers, one holder of
 * a single-holder title). When one refuses a write, the client gets the matching domain error.
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  cadre_personal_id_unique: () => new ConflictError('DUPLICATE_PERSONAL_ID', 'Another cadre has this personal ID number.', 'personalIdNumber'),
  decision_number_unique: () => new ConflictError('DUPLICATE_DECISION_NUMBER', 'A decision with this number exists.', 'number'),
  assignment_single_holder: () =>
    new ConflictError('TITLE_ALREADY_HELD', 'Someone else holds this single-holder title in this unit on that date.', 'titleId'),
  assignment_not_twice: () => new ConflictError('ALREADY_HOLDS_TITLE', 'The cadre already holds this title in this unit then.', 'titleId'),
  evaluation_once_a_year: () => new ConflictError('EVALUATION_EXISTS', 'The cadre already has an evaluation for this year.', 'year'),
  rule_setting_version_unique: () =>
    new ConflictError('RULE_VERSION_EXISTS', 'This rule already has a version effective from that date.', 'effectiveFrom'),
};

interface DriverError {
  code?: string;
  constraint?: string;
}

function constraintOf(error: unknown): string | undefined {
  const driver = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError | undefined;
  return driver?.constraint;
}

/** Runs `work` in one transaction, translating constraint violations into domain errors. */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    const translate = CONSTRAINT_ERRORS[constraintOf(error) ?? ''];
    if (translate) throw translate();
    throw error;
  }
}
