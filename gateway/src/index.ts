import { createLogger, loadEnvOrExit, stopOnSignals } from '@cadres/core';
import cluster from 'node:cluster';
import { gatewayEnvSchema, shutdownGraceMs } from './env';
import { createGatewayServer } from './server';
import { runPrimary, stopWhenAsked } from './workers';

async function main(): Promise<void> {
  const env = loadEnvOrExit(gatewayEnvSchema, 'gateway');
  const logger = createLogger('gateway', env.LOG_LEVEL);
  if (cluster.isPrimary && env.GATEWAY_WORKERS > 1) return runPrimary(env.GATEWAY_WORKERS, logger);
  try {
    const server = await createGatewayServer(env, logger);
    // The drain and the requests in flight get their time before a stop is forced.
    (cluster.isWorker ? stopWhenAsked : stopOnSignals)(() => server.stop(), logger, shutdownGraceMs(env));
    const { port } = await server.listen(env.PORT, env.HOST);
    logger.info({ port, graphiql: env.GRAPHIQL ? `http://localhost:${port}/graphiql` : undefined }, 'gateway ready');
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

void main();
