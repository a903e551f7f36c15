/**
 * Every error code a client can see in `extensions.code` (and in a mutation payload's `errors[].code`),
 * from the gateway and from every subgraph alike: this enum is the one list. Clients switch on
 * these, so they are part of the API: add, never rename. `error-codes.unit.test.ts` fails when any
 * source emits a code that is not here.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RULE_VIOLATION = 'RULE_VIOLATION',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  OPERATION_TOO_DEEP = 'OPERATION_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  OPERATION_TOO_COSTLY = 'OPERATION_TOO_COSTLY',
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * This service cannot answer for now (starting, stopping, its identity check unreachable); the same
   * request may succeed shortly. The gateway said UNAVAILABLE for this once: one code now.
   */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /**
   * Something this service needs did not answer: its database, or another subgraph whose facts a rule
   * needs inside a write. `extensions.dependency` names it (`database`, `personnel`, `planning`…);
   * nothing was changed, and the same request may succeed shortly. Not a RULE_VIOLATION: no rule
   * refused anything.
   */
  DEPENDENCY_UNAVAILABLE = 'DEPENDENCY_UNAVAILABLE',
  /** The database did not answer within its deadline (a statement, a lock, or a free connection). */
  DATABASE_TIMEOUT = 'DATABASE_TIMEOUT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** Gateway: a subgraph is down, refused the call, failed (5xx, 401) or answered something unusable. */
  SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE',
  /** Gateway: a subgraph did not answer within SUBGRAPH_TIMEOUT_MS; the call was aborted. */
  SUBGRAPH_TIMEOUT = 'SUBGRAPH_TIMEOUT',
  // Codes of the GraphQL servers themselves (Apollo Server, graphql-js), passed on as they are.
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** No operation to run (several without operationName, or an unknown name). */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** Not a GraphQL request (CSRF header missing, body not JSON), a subscription, or a batch too big. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** Gateway: the APQ hash sent is not the SHA-256 of the query sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH',
  /** Gateway: an APQ `version` other than 1. */
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED = 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
}

/** Whether `code` is one of the platform's codes (for answers read from another service). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (Object.values(ErrorCode) as string[]).includes(code);
}

/** A failure the service understands and may explain to the client. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * A thing the caller may not know of: missing, or outside their subtrees (issue 12). The two must
 * answer identically, so the id looked up is never echoed (neither in the message nor in
 * `extensions`): a caller learns nothing it did not send. The second argument is accepted for the
 * callers that pass it, and ignored.
 */
export class NotFoundError extends DomainError {
  constructor(entity: string, _lookedUp?: string) {
    super(ErrorCode.NOT_FOUND, `${entity} does not exist`, { entity });
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, field?: string) {
    super(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
  }
}

/**
 * A business rule refused the change. `reason` names the rule (e.g. TERM_LIMIT_REACHED) so that
 * clients can react to each one; the message explains it with the limit in effect.
 */
export class RuleViolationError extends DomainError {
  constructor(reason: string, message: string, field?: string) {
    super(ErrorCode.RULE_VIOLATION, message, field ? { reason, field } : { reason });
  }
}

/** The caller is known but may not do this, or not here. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export interface InputProblem {
  field: string;
  reason: string;
  message: string;
}

/** Several input fields are wrong at once; each is reported, so a form can mark them all. */
export class InvalidInputError extends DomainError {
  constructor(readonly problems: InputProblem[]) {
    super(ErrorCode.BAD_USER_INPUT, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {});
  }
}

export class ConflictError extends DomainError {
  constructor(reason: string, message: string, field?: string) {
    super(ErrorCode.CONFLICT, message, field ? { reason, field } : { reason });
  }
}

/**
 * Another service this one needs (the database, another subgraph) did not answer usably; nothing was
 * changed. `reason` keeps the check that could not be made (PERSONNEL_CHECK_UNAVAILABLE…).
 */
export class DependencyUnavailableError extends DomainError {
  constructor(dependency: string, message: string, reason?: string) {
    super(ErrorCode.DEPENDENCY_UNAVAILABLE, message, reason ? { dependency, reason } : { dependency });
  }
}

/** Codes produced by GraphQL servers themselves (parsing, validation) that are safe to pass on. */
export const PUBLIC_FRAMEWORK_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.BAD_REQUEST,
]);
