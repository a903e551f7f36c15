import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ForwardedIdentity } from '@cadres/core';

/**
 * What the gateway knows of the operation a subgraph call serves. Its own module: the server builds
 * it, the subgraph call reads it, and neither imports the other for it.
 */
export interface GatewayContext {
  requestId: string;
  identity: ForwardedIdentity;
  /** SQL statements the subgraphs reported for this operation, summed across every fetch. */
  sqlStatements: number;
  /** Only on the context of a call serving several operations: the other operations' request ids. */
  batchedRequestIds?: string[];
  /** Aborts when the client goes away before its answer: its subgraph calls are aborted too. */
  abortSignal?: AbortSignal;
  /**
   * Set only by the gateway's own export routes for their fixed operations (export/routes.ts):
   * the cost estimate, made to bound what a client may ask, counts 20 per unpaged list and so
   * prices a term's planning list (terms × planned titles × candidates) above MAX_COST whatever
   * the data. Depth and alias limits still apply; scope and fields are decided as for any caller.
   */
  gatewayOwnOperation?: boolean;
  /**
   * Only on the context of a request that others may share (operation-sharing.ts): told once the
   * operation is resolved whether it is a query, which identical requests in flight may share.
   */
  shareOperation?: (isQuery: boolean) => void;
}

/** The header in which subgraphs report their SQL statements, and the gateway the operation's total. */
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

export type SubgraphCallOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * The kind of a call that serves a client's operation. @apollo/gateway declares the enum but does
 * not export its value from the package's entry point; the contract test pins the value.
 */
export const INCOMING_OPERATION = 'incoming operation' as Extract<
  SubgraphCallOptions,
  { incomingRequestContext: unknown }
>['kind'];

/**
 * The operation's context, read where @apollo/gateway documents it: `incomingRequestContext.context`
 * of an incoming operation's call (`options.context` is deprecated). Undefined for the gateway's own
 * calls (health checks, schema loading), which serve no operation.
 */
export function operationContextOf(options: SubgraphCallOptions): GatewayContext | undefined {
  return options.kind === INCOMING_OPERATION ? options.incomingRequestContext.context : undefined;
}

/**
 * The same call under another context (a batch serving several operations). Both places are set:
 * RemoteGraphQLDataSource itself still hands `options.context` to `didReceiveResponse`.
 */
export function withOperationContext(options: SubgraphCallOptions, context: GatewayContext): SubgraphCallOptions {
  if (options.kind !== INCOMING_OPERATION) return options;
  return { ...options, context, incomingRequestContext: { ...options.incomingRequestContext, context } };
}
