import type { ApolloServer } from '@apollo/server';
import { ErrorCode } from '@cadres/core';
import type { GatewayContext } from '../gateway-context';

/** An export's GraphQL answer was refused or failed: the HTTP status and the client's error. */
export class ExportQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * Runs an export's operation through the gateway's own execution — the same plugins, limits,
 * query planner and subgraph calls as a POST to /graphql — with the caller's identity and request
 * id, so the subgraphs decide scope and fields (and audit a partner's reads) exactly as for a read.
 * A document is all or nothing: any error refuses it (the client's codes keep their status; the
 * rest, already masked by the gateway's error formatter, answer 502).
 */
export async function runOperation<Data>(
  apollo: ApolloServer<GatewayContext>,
  context: GatewayContext,
  query: string,
  variables: Record<string, unknown>,
): Promise<Data> {
  const response = await apollo.executeOperation<Data>(
    { query, variables },
    { contextValue: { ...context, sqlStatements: 0, gatewayOwnOperation: true } },
  );
  if (response.body.kind !== 'single')
    throw new ExportQueryError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected incremental answer.');
  const { data, errors } = response.body.singleResult;
  const [error] = errors ?? [];
  if (error) {
    const given = error.extensions?.code;
    const code = typeof given === 'string' ? given : 'INTERNAL_SERVER_ERROR';
    throw new ExportQueryError(STATUS[code] ?? 502, code, error.message);
  }
  if (!data) throw new ExportQueryError(502, 'INTERNAL_SERVER_ERROR', 'The platform gave no answer.');
  return data;
}
