import type { DomainError } from '@cadres/core';
import type { DataSource, EntityManager } from 'typeorm';

/** For each named database constraint, the domain error a client gets when it refuses a write. */
export type ConstraintErrors = Record<string, () => DomainError>;

interface DriverError {
  constraint?: string;
}

function constraintOf(error: unknown): string | undefined {
  const driver = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError | undefined;
  return driver?.constraint;
}

/**
 * The database keeps the invariants that must hold under concurrency (unique numbers, one holder
 * of a post, class seats). This runs `work` in one transaction and, when a constraint refuses it,
 * throws the matching domain error instead of a database error.
 */
export function transactionRunner(constraintErrors: ConstraintErrors) {
  return async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const translate = constraintErrors[constraintOf(error) ?? ''];
      if (translate) throw translate();
      throw error;
    }
  };
}
