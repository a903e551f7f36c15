import { unwrapResolverError } from '@apollo/server/errors';
import { createErrorFormatter, DependencyUnavailableError, DomainError, ErrorCode, type Logger } from '@cadres/core';
import type { GraphQLFormattedError } from 'graphql';

/** The database did not answer in time: a statement or lock deadline passed, or no connection was free. */
export class DatabaseTimeoutError extends DomainError {
  constructor() {
    super(ErrorCode.DATABASE_TIMEOUT, 'The database did not answer in time; try again shortly.');
  }
}

/** The database cannot be reached for now (down, restarting, refusing connections): a dependency, not this service, failed. */
export class DatabaseUnavailableError extends DependencyUnavailableError {
  constructor() {
    super('database', 'The database is unavailable; try again shortly.');
  }
}

/**
 * SQLSTATEs that say "not now" rather than "wrong": a deadline (57014 statement_timeout or a
 * cancel, 55P03 lock_timeout, 25P03 idle-in-transaction timeout) or a server going away
 * (57P01-57P03 shutdown or start-up, 53300 too many connections, 08xxx connection failures).
 */
const TIMEOUT_STATES = new Set(['57014', '55P03', '25P03']);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
/** Socket-level failures reported by Node rather than by PostgreSQL. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres and pg-pool say these in words only. */
const TIMEOUT_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated due to connection timeout/i,
  /timeout expired/i,
];
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /connection is not established/i,
  /cannot use a pool after calling end/i,
];

/**
 * The client-facing error for a database fault, or null when `error` is something else. The
 * original (with its SQL) is only logged: the client learns what happened, never how.
 */
export function databaseFault(error: unknown): DomainError | null {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (TIMEOUT_STATES.has(code)) return new DatabaseTimeoutError();
      if (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return new DatabaseUnavailableError();
    }
    if (typeof message === 'string') {
      if (TIMEOUT_MESSAGES.some((pattern) => pattern.test(message))) return new DatabaseTimeoutError();
      if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return new DatabaseUnavailableError();
    }
    // TypeORM wraps the driver's error; an aggregate (a refused connection tried on IPv4 and IPv6) holds several.
    const inner = current as { driverError?: unknown; cause?: unknown; errors?: unknown[] };
    current = inner.driverError ?? inner.cause ?? inner.errors?.[0];
  }
  return null;
}

/**
 * The subgraphs' `formatError`: a database fault becomes DATABASE_TIMEOUT or DEPENDENCY_UNAVAILABLE
 * with a plain message and the field's path; everything else goes through the common formatter.
 */
export function createSubgraphErrorFormatter(logger: Logger) {
  const format = createErrorFormatter(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const fault = original instanceof DomainError ? null : databaseFault(original);
    if (!fault) return format(formatted, error);
    logger.warn({ err: original, path: formatted.path, code: fault.code }, 'database fault while resolving');
    return {
      message: fault.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: fault.code, ...fault.details },
    };
  };
}
