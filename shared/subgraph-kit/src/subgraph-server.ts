import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  annotateRequestSpan,
  batchedRequestIdsFrom,
  BATCHED_REQUEST_IDS_HEADER,
  DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
  listenOn,
  operationMetricsPlugin,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type ForwardedIdentity,
  type Identity,
  type Logger,
} from '@cadres/core';
import { authenticateRequests } from './request-authentication';
import { MutationLog, mutationAuditPlugin, type MutationAuditContext } from './audit';
import { createSubgraphErrorFormatter } from './database-faults';
import { mountHealth, Readiness } from './health';
import { ReadLog, type AuthorizationContext } from './authorization';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { statementsInScope, withStatementScope } from './sql-statements';
import { sqlStatementsMetricsPlugin } from './metrics';
import { replicaReadsPlugin, withReadScope } from './read-replicas';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<Loaders> extends MutationAuditContext, AuthorizationContext {
  requestId: string;
  /** Who is asking, as the gateway verified and signed it. */
  identity: Identity;
  /** The identity's subject, recorded with every change. */
  actor: string;
  /** Sensitive fields a PARTNER read in this request, written to the read audit at its end. */
  readLog: ReadLog;
  /** The request's mutation, for the audit rows its transactions write (see `transactionRunner`). */
  mutationLog: MutationLog;
  logger: Logger;
  loaders: Loaders;
}

export interface SubgraphServerOptions<Loaders> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger: Logger;
  /** Builds fresh DataLoaders; called once per request so nothing is cached across users. */
  createLoaders: () => Loaders;
  /** Body size limit for POST /graphql. */
  bodyLimit?: string;
  /** The key the gateway signs forwarded identities and requests with. */
  signingSecret: string;
  /** How long a signed request is accepted (`REQUEST_SIGNATURE_MAX_AGE_MS`, default 10 s). */
  requestSignatureMaxAgeMs?: number;
  /** The identity to enforce from the one forwarded (granted subtrees expanded; see `scopeResolver`). */
  resolveScope: (forwarded: ForwardedIdentity) => Promise<Identity>;
  /** Where partner reads are audited; subgraphs without audited fields pass none. */
  auditReads?: boolean;
  /** Started, ready or stopping: what `/health/ready` reports (default: a new one, still starting). */
  readiness?: Readiness;
  /** How long readiness waits for the database to answer `SELECT 1`. */
  healthDatabaseTimeoutMs?: number;
  /** How long a stop waits for in-flight requests before closing their connections. */
  stopGracePeriodMs?: number;
}

export interface SubgraphServer {
  app: Express;
  httpServer: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  readiness: Readiness;
  /** Stops accepting requests, drains in-flight ones, then closes the database pool. */
  stop(): Promise<void>;
}

export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Reports the request's SQL statement count in a response header (benchmarks and N+1 tests read
 * it), and marks every answer `cache-control: no-store`, which Apollo's cache-control plugin did
 * before it was turned off: no field has a cache hint, so it never said anything else, but it
 * listened to every field's resolution (`willResolveField`), which makes Apollo wrap every resolver.
 */
const responseHeadersPlugin: ApolloServerPlugin<SubgraphContext<unknown>> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set(SQL_STATEMENTS_HEADER, String(statementsInScope()));
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/**
 * POST /graphql into Apollo Server and back, as @as-integrations/express5 does it, minus two costs
 * of the hot path: the query string is cut from the URL rather than parsed with `url.parse`, and a
 * POST's answer is written as it is rather than through express's `res.send` (which computes an
 * ETag, a SHA-1 of the body, that only a GET can use for a 304). A GET still goes through `res.send`.
 */
function graphQLHandler<Context extends object>(
  apollo: ApolloServer<Context>,
  context: (args: { req: Request; res: Response }) => Promise<Context>,
): RequestHandler {
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before Apollo Server.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      if (req.method !== 'POST') return void res.send(answer.body.string);
      const type = res.getHeader('content-type');
      // What res.send adds to a text answer's type; Apollo's answers carry it already.
      if (typeof type === 'string' && !/;\s*charset=/i.test(type))
        res.setHeader('content-type', `${type}; charset=utf-8`);
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** The `?…` of a request target, as `url.parse(url).search` gives it ('' without one; no fragment). */
export function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

export async function createSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<SubgraphServer> {
  const { name, schema, dataSource, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);

  /** Partner reads are audited once per request, after the response is built. */
  const readAuditPlugin: ApolloServerPlugin<SubgraphContext<Loaders>> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          if (options.auditReads)
            await contextValue.readLog.write(dataSource, contextValue.identity, contextValue.requestId);
        },
      };
    },
  };

  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    formatError: createSubgraphErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.stopGracePeriodMs ?? 10_000 }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted studio, which a closed government network does not reach.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      responseHeadersPlugin,
      readAuditPlugin,
      mutationAuditPlugin(dataSource),
      operationMetricsPlugin<SubgraphContext<Loaders>>(),
      sqlStatementsMetricsPlugin<SubgraphContext<Loaders>>(),
      // Queries may read from replicas (when configured); mutations and anything else stay on the primary.
      replicaReadsPlugin<SubgraphContext<Loaders>>(),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    annotateRequestSpan(requestId);
    const started = process.hrtime.bigint();
    withStatementScope(() =>
      withReadScope(() => {
        res.on('finish', () => {
          logger.info(
            {
              requestId,
              // A call the gateway made for several operations at once names the others too.
              batchedRequestIds: batchedRequestIdsFrom(req.headers[BATCHED_REQUEST_IDS_HEADER]),
              method: req.method,
              url: req.originalUrl,
              status: res.statusCode,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              sqlStatements: statementsInScope(),
            },
            'request',
          );
        });
        next();
      }),
    );
  });

  const readiness = options.readiness ?? new Readiness();
  mountHealth(app, { name, dataSource, readiness, databaseTimeoutMs: options.healthDatabaseTimeoutMs ?? 1000, logger });

  // Every GraphQL request must carry an identity and a signature of that very request, made by the
  // gateway (or a subgraph) moments ago: reaching a subgraph's port directly bypasses nothing.
  app.use(
    '/graphql',
    ...authenticateRequests({
      name,
      signingSecret: options.signingSecret,
      maxAgeMs: options.requestSignatureMaxAgeMs ?? DEFAULT_REQUEST_SIGNATURE_MAX_AGE_MS,
      bodyLimit: options.bodyLimit ?? '1mb',
      resolveScope: options.resolveScope,
      logger,
    }),
  );

  app.use(
    '/graphql',
    graphQLHandler(apollo, async ({ res }) => {
      const requestId = res.locals.requestId as string;
      const identity = res.locals.identity as Identity;
      return {
        requestId,
        identity,
        actor: identity.subject,
        readLog: new ReadLog(),
        mutationLog: new MutationLog(),
        logger: logger.child({ requestId }),
        loaders: options.createLoaders(),
      };
    }),
  );

  return {
    app,
    httpServer,
    listen: listenOn(httpServer),
    readiness,
    stop: async () => {
      readiness.stopping();
      await apollo.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
