import { createLogger, loadEnvOrExit, stopOnSignals } from '@cadres/core';
import { gatewayEnvSchema } from './env';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  const env = loadEnvOrExit(gatewayEnvSchema, 'gateway');
  const logger = createLogger('gateway', env.LOG_LEVEL);
  try {
    const server = await createGatewayServer(env, logger);
    stopOnSignals(() => server.stop(), logger);
    const { port } = await server.listen(env.PORT, env.HOST);
    logger.info({ port, graphiql: env.GRAPHIQL ? `http://localhost:${port}/graphiql` : undefined }, 'gateway ready');
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}

void main();
