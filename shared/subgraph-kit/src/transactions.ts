import { BadInputError, type DomainError } from '@cadres/core';
import type { DataSource, EntityManager } from 'typeorm';
import { auditCommittedMutation, auditWrittenIn } from './audit';

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
 * The domain error a client gets for a write that one of `constraintErrors`' named constraints
 * refused, or null when `error` is not such a refusal. One translation for the transaction runner
 * and for code that catches a refusal itself (an import batch reports it against its row).
 */
export function translateConstraint(error: unknown, constraintErrors: ConstraintErrors): DomainError | null {
  const constraint = driverOf(error)?.constraint;
  // Own keys only: a constraint name never reaches Object.prototype's members.
  const translate =
    constraint !== undefined && Object.hasOwn(constraintErrors, constraint) ? constraintErrors[constraint] : undefined;
  return translate ? translate() : null;
}

/**
 * PostgreSQL aborts one of two transactions that wait on each other (40P01), e.g. two inserts that
 * each find the other's uncommitted row under an exclusion constraint, or a serialization failure
 * (40001). Neither says the write is wrong: run afresh, it sees the winner's committed rows and
 * either succeeds or gets the constraint's own answer.
 */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
export const TRANSACTION_ATTEMPTS = 3;

/**
 * The database keeps the invariants that must hold under concurrency (unique numbers, one holder
 * of a post, class seats). This runs `work` in one transaction, again when PostgreSQL aborted it
 * only to break a deadlock, and, when a constraint refuses it, throws the matching domain error
 * instead of a database error. `work` must have no effect outside the transaction.
 *
 * Inside a mutation, the transaction also writes the mutation's audit row with `work`'s outcome, so
 * the change and its row commit together: a process killed after the commit cannot lose the row.
 */
export function transactionRunner(constraintErrors: ConstraintErrors) {
  return async function inTransaction<T>(
    dataSource: DataSource,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        let audited: (() => void) | undefined;
        const outcome = await dataSource.transaction(async (manager) => {
          const result = await work(manager);
          // A service may have sent the row with its last write already (mutationAuditWrite).
          audited = auditWrittenIn(manager) ?? (await auditCommittedMutation(manager, result));
          return result;
        });
        audited?.();
        return outcome;
      } catch (error) {
        const driver = driverOf(error);
        if (RETRYABLE_CODES.has(driver?.code ?? '') && attempt < TRANSACTION_ATTEMPTS) continue;
        const refusal = translateConstraint(error, constraintErrors);
        if (refusal) throw refusal;
        // Whatever the services did not check first, the database still refuses: as bad input, not a 500.
        if (driver?.code === '22001') throw new BadInputError('A text is longer than allowed.');
        if (driver?.code === '23514')
          throw new BadInputError(`A value breaks the rule ${driver.constraint ?? 'of the record'}.`);
        throw error;
      }
    }
  };
}

/**
 * The handle of one open transaction, as services pass it from the unit of work to repositories.
 * Services hold it without looking inside (lint keeps TypeORM calls to repositories); only
 * repositories use it as the `EntityManager` it is.
 */
export type Transaction = EntityManager;

/** Runs `work` in one transaction with the subgraph's retry and constraint translation (see `transactionRunner`). */
export type UnitOfWork = <T>(work: (transaction: Transaction) => Promise<T>) => Promise<T>;

/**
 * Runs `work` inside a savepoint of an open transaction: when it fails, only its statements are
 * undone and the transaction goes on (an import batch reports every refused row, not the first).
 */
export async function inSavepoint<T>(transaction: Transaction, work: () => Promise<T>): Promise<T> {
  await transaction.query('SAVEPOINT work_in_savepoint');
  try {
    const done = await work();
    await transaction.query('RELEASE SAVEPOINT work_in_savepoint');
    return done;
  } catch (error) {
    await transaction.query('ROLLBACK TO SAVEPOINT work_in_savepoint');
    throw error;
  }
}
