/**
 * Client mistakes answered as client mistakes: each with a code a client can switch on, and the
 * HTTP status the GraphQL-over-HTTP spec asks for.
 */
import { ErrorCode } from '@cadres/core';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { OperationLimitError } from './operation-limits';

/** The codes of client mistakes, members of the one ErrorCode enum (shared/core). */
export const ClientErrorCode = {
  PERSISTED_QUERY_HASH_MISMATCH: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: ErrorCode.PERSISTED_QUERY_VERSION_NOT_SUPPORTED,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.OPERATION_RESOLUTION_FAILURE,
  BAD_REQUEST: ErrorCode.BAD_REQUEST,
} as const;

const badRequest = (code: ErrorCode, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * The operation that could not be chosen. Apollo Server leaves the choice to @apollo/gateway, which
 * throws an error without a code: it reached the client as a 500 "Internal server error".
 */
export function unresolvedOperation(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const names = document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name?.value ?? '(anonymous)');
  if (operationName)
    return badRequest(
      ClientErrorCode.OPERATION_RESOLUTION_FAILURE,
      `The document has no operation named "${operationName}"; it has ${names.join(', ')}.`,
    );
  return badRequest(
    ClientErrorCode.OPERATION_RESOLUTION_FAILURE,
    `The document has ${names.length} operations (${names.join(', ')}): name the one to run in "operationName".`,
  );
}

export function subscriptionRefused(): GraphQLError {
  return badRequest(
    ClientErrorCode.BAD_REQUEST,
    'Subscriptions are not supported: this endpoint answers queries and mutations over HTTP.',
  );
}

/**
 * Apollo Server's automatic-persisted-query refusals carry no code (and were masked as "Internal
 * server error"); they are recognised by their message, which a test pins.
 */
const PERSISTED_QUERY_REFUSALS: Record<string, { code: ErrorCode; message: string }> = {
  'provided sha does not match query': {
    code: ClientErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
    message:
      'The persisted query hash (extensions.persistedQuery.sha256Hash) is not the SHA-256 of the query sent with it.',
  },
  'Unsupported persisted query version': {
    code: ClientErrorCode.PERSISTED_QUERY_VERSION_NOT_SUPPORTED,
    message: 'Only version 1 of automatic persisted queries (extensions.persistedQuery.version) is supported.',
  },
};

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export function clientErrorFormatter(next: ErrorFormatter): ErrorFormatter {
  return (formatted, error) => {
    // Apollo Server gives a code-less error INTERNAL_SERVER_ERROR before formatting.
    const code = formatted.extensions?.code;
    const refusal =
      code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR
        ? PERSISTED_QUERY_REFUSALS[formatted.message]
        : undefined;
    if (refusal) return { message: refusal.message, extensions: { code: refusal.code } };
    // Apollo Server gives every validation error GRAPHQL_VALIDATION_FAILED, the limits' too.
    if (error instanceof GraphQLError && error.originalError instanceof OperationLimitError)
      return next({ ...formatted, extensions: { ...formatted.extensions, code: error.originalError.code } }, error);
    return next(formatted, error);
  };
}

/**
 * Errors of a well-formed request: the document does not parse or validate, a variable or an
 * argument is refused, no operation can be chosen, the operation is over a limit. With
 * `application/graphql-response+json` these answer 400; with `application/json` the spec says a
 * well-formed request SHOULD get 200, so that a client which accepts only `application/json` (Apollo
 * Client 3 sends `*\/*`) reads the GraphQL errors instead of meeting a network error.
 */
const WELL_FORMED_REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  ClientErrorCode.OPERATION_RESOLUTION_FAILURE,
  'OPERATION_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'OPERATION_TOO_COSTLY',
]);

/** The status to answer: 200 instead of 400 for a well-formed request's errors in `application/json`. */
export function statusFor(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return status;
  }
  // A batch answers as one: 200 when every error in every answer is a well-formed request's.
  const answers = Array.isArray(answer) ? answer : [answer];
  const errors = answers.flatMap(
    (a) => ((a as { errors?: unknown } | null)?.errors as GraphQLFormattedError[] | undefined) ?? [],
  );
  if (!Array.isArray(errors) || errors.length === 0) return status;
  return errors.every((e) => WELL_FORMED_REQUEST_ERRORS.has(e?.extensions?.code as string)) ? 200 : status;
}
