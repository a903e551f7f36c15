import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  BATCHED_REQUEST_IDS_HEADER,
  IDENTITY_HEADER,
  READ_PRIMARY_HEADER,
  REQUEST_ID_HEADER,
  must,
  Role,
  type ForwardedIdentity,
  type Logger,
} from '@cadres/core';
import { EntityBatches, shareOut, splitEntitiesResponse, type BatchedFetch } from './entity-batching';
import { dedupeRepresentations, expandEntitiesResponse } from './entity-dedup';
import {
  operationContextOf,
  SQL_STATEMENTS_HEADER,
  withOperationContext,
  type GatewayContext,
  type SubgraphCallOptions,
} from './gateway-context';
import { AbortGroup, attachCallSignal, CallAbandonedError, untilAborted } from './subgraph-call-signal';
import { checkAnswer, failureAnswer } from './subgraph-failure';
import { entityBatchKey } from './subgraph-call-key';
import { inBatchSpan, recordEntityBatch, rememberCallerSpan } from './metrics';

type ProcessOptions = SubgraphCallOptions;
/** A batch's call is abandoned by its own signal, not by its first operation's (the context's). */
type CallOptions = ProcessOptions & { callSignal?: AbortSignal };
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** Whether a subgraph call serves a client's mutation (its root call or a fetch completing its payload). */
export function servesMutation(options: ProcessOptions): boolean {
  return 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'mutation';
}

/**
 * Carries the request id and the caller's identity to every subgraph call. The identity is signed
 * for one minute (identity-header.ts): subgraphs accept nothing else, so their ports bypass nothing.
 * `_entities` calls of concurrent operations go out together (entity-batching.ts), and each sends
 * each distinct representation once (entity-dedup.ts).
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly batches: EntityBatches<ProcessOptions, SubgraphResponse> | null;

  constructor(
    url: string,
    private readonly signIdentity: (identity: ForwardedIdentity) => Promise<string>,
    fetcher: RemoteGraphQLDataSource['fetcher'],
    batchEntityFetches = true,
    /** The subgraph's public name (personnel, training, planning): errors name it, never its URL. */
    private readonly service = 'subgraph',
    private readonly logger?: Logger,
  ) {
    super({ url, fetcher });
    this.batches = batchEntityFetches ? new EntityBatches((batch) => void this.sendBatch(batch)) : null;
  }

  /**
   * Every call, marked with the signal of the operation it serves (its client going away aborts it). A
   * failed call answers with an error per field it was to resolve (subgraph-failure.ts), so the
   * operation keeps every other subgraph's part.
   */
  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
    try {
      const response = await this.send(options);
      checkAnswer(response, options.request);
      return response;
    } catch (error) {
      // The log keeps what the client is not shown: the URL, the status, the subgraph's answer.
      // An abandoned call is no fault: its client went away.
      if (!(error instanceof CallAbandonedError))
        this.logger?.warn(
          { requestId: operationContextOf(options)?.requestId, service: this.service, url: this.url, err: error },
          'subgraph call failed',
        );
      return failureAnswer(error, this.service, options.request, 'document' in options ? options.document : undefined);
    }
  }

  /** A root call as it is; an entity call batched with others' (or alone), distinct entities once. */
  private async send(options: ProcessOptions): Promise<SubgraphResponse> {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations)) return super.process(options);
    const context = operationContextOf(options);
    const identity = context?.identity;
    // A partner's reads are audited per request (the subgraph's read log names one request id):
    // they never share a call.
    // A mutation's fetches read from the primary (see willSendRequest): they never share a call with reads.
    if (!this.batches || !identity || identity.role === Role.PARTNER || servesMutation(options))
      return this.fetchEntities(options, representations);
    // Only fetches alike in all but their representations share a call (subgraph-call-key.ts).
    const { representations: _, ...otherVariables } = options.request.variables ?? {};
    const key = entityBatchKey(await this.signIdentity(identity), options.request.query ?? '', otherVariables);
    rememberCallerSpan(options);
    // The operation stops waiting when its client goes; the batch's call goes on for the others.
    return untilAborted(this.batches.add(key, options, representations), context?.abortSignal);
  }

  /** One `_entities` call, each distinct representation once. */
  private async fetchEntities(options: ProcessOptions, representations: unknown[]): Promise<SubgraphResponse> {
    const deduped = dedupeRepresentations(representations);
    const request = {
      ...options.request,
      variables: { ...options.request.variables, representations: deduped?.unique ?? representations },
    };
    const response = await super.process({ ...options, request });
    return deduped ? expandEntitiesResponse(response, deduped) : response;
  }

  /**
   * A batch's fetches as one call, under the first one's request id (the others' go along in
   * `x-batched-request-ids`, for the subgraph's log); each operation gets its slice of the answer
   * and its share of the SQL statements.
   */
  private async sendBatch(batch: BatchedFetch<ProcessOptions, SubgraphResponse>[]): Promise<void> {
    const first = must(batch[0], 'a batch is sent with at least one fetch');
    const sizes = batch.map((fetch) => fetch.representations.length);
    const contexts = batch.map((fetch) => operationContextOf(fetch.fetch)!);
    const batchedRequestIds = contexts.slice(1).map((own) => own.requestId);
    const lead = must(contexts[0], 'one context per fetch');
    const context: GatewayContext = batch.length === 1 ? lead : { ...lead, sqlStatements: 0, batchedRequestIds };
    // The call is abandoned only when every operation in the batch has been.
    const abandoned = new AbortGroup();
    for (const own of contexts) abandoned.join(own.abortSignal);
    try {
      const all = batch.flatMap((fetch) => fetch.representations);
      recordEntityBatch(this.service, batch.length, all.length);
      const response = await inBatchSpan(
        this.service,
        batch.map((fetch) => fetch.fetch),
        [context.requestId, ...batchedRequestIds],
        () =>
          this.fetchEntities(
            { ...withOperationContext(first.fetch, context), callSignal: abandoned.signal } as CallOptions,
            all,
          ),
      );
      if (batch.length === 1) return first.resolve(response);
      const answers = splitEntitiesResponse(response, sizes);
      const statements = shareOut(context.sqlStatements, sizes);
      batch.forEach((fetch, i) => {
        const own = must(contexts[i], 'one context per fetch');
        if (own.sqlStatements !== undefined) own.sqlStatements += must(statements[i], 'one share per fetch');
        fetch.resolve(must(answers[i], 'one answer slice per fetch'));
      });
    } catch (error) {
      for (const fetch of batch) fetch.reject(error);
    }
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request } = options;
    const context = operationContextOf(options);
    if (!context) return;
    if (request.http)
      attachCallSignal(request.http.headers, (options as CallOptions).callSignal ?? context.abortSignal);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.batchedRequestIds?.length)
      request.http?.headers.set(BATCHED_REQUEST_IDS_HEADER, context.batchedRequestIds.join(','));
    if (context.identity) request.http?.headers.set(IDENTITY_HEADER, await this.signIdentity(context.identity));
    // A mutation's payload reads what it has just written, in this subgraph or another (an entity
    // it returns, completed by the others): every call serving it reads from the primary database,
    // where a read replica may not have the write yet.
    if (servesMutation(options)) request.http?.headers.set(READ_PRIMARY_HEADER, '1');
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const statements = Number(response.http?.headers.get(SQL_STATEMENTS_HEADER));
    if (context.sqlStatements !== undefined && Number.isFinite(statements)) context.sqlStatements += statements;
    return response;
  }
}
