import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createErrorFormatter, REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@cadres/core';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { statementsInScope, withStatementScope } from './sql-statements';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<Loaders> {
  requestId: string;
  /** Who is asking, recorded with every change. Until the gateway forwards verified identities, "unauthenticated". */
  actor: string;
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
}

export interface SubgraphServer {
  app: Express;
  httpServer: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting requests, drains in-flight ones, then closes the database pool. */
  stop(): Promise<void>;
}

export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/** Reports the request's SQL statement count in a response header (benchmarks and N+1 tests read it). */
const sqlStatementsHeaderPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set(SQL_STATEMENTS_HEADER, String(statementsInScope()));
      },
    };
  },
};

export async function createSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<SubgraphServer> {
  const { name, schema, dataSource, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);

  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted studio, which a closed government network does not reach.
      ApolloServerPluginInlineTraceDisabled(),
      sqlStatementsHeaderPlugin,
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    withStatementScope(() => {
      res.on('finish', () => {
        logger.info(
          {
            requestId,
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
    });
  });

  app.get('/health', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', service: name, database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', service: name, database: 'unreachable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = res.locals.requestId as string;
        return { requestId, actor: 'unauthenticated', logger: logger.child({ requestId }), loaders: options.createLoaders() };
      },
    }),
  );

  return {
    app,
    httpServer,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      }),
    stop: async () => {
      await apollo.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
