import './tracing';
import {
  createLogger,
  initMetrics,
  loadEnvOrExit,
  registryText,
  serveMetrics,
  stopOnSignals,
  type Logger,
} from '@cadres/core';
import { AggregatorRegistry } from 'prom-client';
import cluster from 'node:cluster';
import { gatewayEnvSchema, shutdownGraceMs } from './env';
import { createGatewayServer } from './server';
import { runPrimary, stopWhenAsked } from './workers';

async function main(): Promise<void> {
  const env = loadEnvOrExit(gatewayEnvSchema, 'gateway');
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const registry = initMetrics('gateway');
  try {
    const metricsHost = env.METRICS_HOST ?? env.HOST;
    if (cluster.isPrimary && env.GATEWAY_WORKERS > 1) {
      // Workers share the API port, not the metrics one: the primary answers for all of them.
      if (env.METRICS_PORT !== undefined) await startMetrics(env.METRICS_PORT, metricsHost, clusterMetrics(), logger);
      return runPrimary(env.GATEWAY_WORKERS, logger);
    }
    if (env.METRICS_PORT !== undefined && cluster.isPrimary)
      await startMetrics(env.METRICS_PORT, metricsHost, registryText(registry), logger);
    // A worker answers its primary's requests for its series (prom-client listens once one exists).
    if (env.METRICS_PORT !== undefined && cluster.isWorker) new AggregatorRegistry();
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

/** The metrics listener; a port that cannot be bound stops the start, as the API port's would. */
async function startMetrics(
  port: number,
  host: string,
  collect: Parameters<typeof serveMetrics>[2],
  logger: Logger,
): Promise<void> {
  const server = await serveMetrics(port, host, collect);
  logger.info({ port: server.port }, 'metrics at /metrics');
}

/** Every worker's series, summed (prom-client asks each worker over the cluster's IPC channel). */
function clusterMetrics(): Parameters<typeof serveMetrics>[2] {
  const aggregator = new AggregatorRegistry();
  return async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() });
}

void main();
