import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { createErrorFormatter, REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@cadres/core';
import express from 'express';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphUrls, type GatewayEnv } from './env';
import { graphiqlRouter } from './graphiql';
import { checkSubgraphs } from './health';
import { readSupergraph } from './supergraph';

export interface GatewayContext {
  requestId: string;
}

/** Carries the request id to every subgraph call, so one id follows a request through all logs. */
class TracedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

export interface GatewayServer {
  httpServer: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

export async function createGatewayServer(env: GatewayEnv, logger: Logger, supergraphSdl = readSupergraph()): Promise<GatewayServer> {
  const urls = subgraphUrls(env);
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The committed supergraph names development URLs; the environment decides where subgraphs live.
    buildService: ({ name, url }) => new TracedDataSource({ url: urls[name] ?? url }),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        { requestId, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });

  app.get('/health', async (_req, res) => {
    const subgraphs = await checkSubgraphs(urls, env.HEALTH_TIMEOUT_MS);
    const ok = subgraphs.every((s) => s.status === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', service: 'gateway', subgraphs });
  });

  if (env.GRAPHIQL) {
    app.use(graphiqlRouter('/graphql'));
    app.get('/', (_req, res) => res.redirect('/graphiql'));
  }

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ res }) => ({ requestId: res.locals.requestId as string }) }),
  );

  return {
    httpServer,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      }),
    stop: () => apollo.stop(),
  };
}
