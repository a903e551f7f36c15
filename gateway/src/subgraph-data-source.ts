import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, type Identity } from '@cadres/core';
import { dedupeRepresentations, expandEntitiesResponse } from './entity-dedup';
import type { GatewayContext } from './server';

/** The header in which subgraphs report their SQL statements, and the gateway the operation's total. */
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Carries the request id and the caller's identity to every subgraph call. The identity is signed
 * for one minute (identity-header.ts): subgraphs accept nothing else, so their ports bypass nothing. An `_entities` call
 * sends each distinct representation once (entity-dedup.ts).
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signIdentity: (identity: Identity) => Promise<string>,
    fetcher: RemoteGraphQLDataSource['fetcher'],
  ) {
    super({ url, fetcher });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const representations = options.request.variables?.representations;
    const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : null;
    if (!deduped) return super.process(options);
    const request = { ...options.request, variables: { ...options.request.variables, representations: deduped.unique } };
    return expandEntitiesResponse(await super.process({ ...options, request }), deduped);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.identity) request.http?.headers.set(IDENTITY_HEADER, await this.signIdentity(context.identity));
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const statements = Number(response.http?.headers.get(SQL_STATEMENTS_HEADER));
    if (context.sqlStatements !== undefined && Number.isFinite(statements)) context.sqlStatements += statements;
    return response;
  }
}

