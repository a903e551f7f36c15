import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode, isErrorCode, PUBLIC_FRAMEWORK_CODES } from './errors';

/**
 * Apollo `formatError` that lets through only what a client may see: domain errors with their
 * code, and GraphQL's own parse/validation errors. Anything else (a TypeORM error carrying SQL, a
 * bug's stack trace) is logged in full and replaced by an opaque INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { message: original.message, ...where, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (code === 'UNAUTHORIZED') {
      // type-graphql's @Authorized refusal: the caller is known but lacks the scope.
      return { message: 'Not allowed to read this field', ...where, extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (typeof code === 'string' && (PUBLIC_FRAMEWORK_CODES.has(code) || isPublicCode(code))) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (original instanceof GraphQLError && !original.originalError && code === undefined) {
      // A GraphQL-level error without a code (e.g. a non-null violation): safe text, no internals.
      return { message: formatted.message, ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { message: 'Internal server error', ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function isPublicCode(code: string): boolean {
  return code !== ErrorCode.INTERNAL_SERVER_ERROR && isErrorCode(code);
}
