import { BadInputError, type DomainError } from '@cadres/core';
import type { DataSource, EntityManager } from 'typeorm';

/** For each named database constraint, the domain error a client gets when it refuses a write. */
export type ConstraintErrors = Record<string, () => DomainError>;

interface DriverError {
  code?: string;
  constraint?: string;
}

function driverOf(error: unknown): DriverError | undefined {
  return ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError | undefined;
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
      const driver = driverOf(error);
      const translate = constraintErrors[driver?.constraint ?? ''];
      if (translate) throw translate();
      // Whatever the services did not check first, the database still refuses: as bad input, not a 500.
      if (driver?.code === '22001') throw new BadInputError('A text is longer than allowed.');
      if (driver?.code === '23514') throw new BadInputError(`A value breaks the rule ${driver.constraint ?? 'of the record'}.`);
      throw error;
    }
  };
}
