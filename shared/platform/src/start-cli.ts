import {
  baseEnvSchema,
  demoKeys,
  GATEWAY,
  loadEnvOrExit,
  portSchema,
  postgresUrlSchema,
  SUBGRAPHS,
  type ServicePorts,
} from '@cadres/core';
import { join } from 'node:path';
import { z } from 'zod';
import { createDatabaseIfMissing, ensureDatabaseServer, withDatabase } from './database';
import { REPO_ROOT, startPlatform } from './services';

type PortVariable = `${Uppercase<keyof ServicePorts>}_PORT`;
const portVariable = (service: keyof ServicePorts) => `${service.toUpperCase()}_PORT` as PortVariable;

/** GATEWAY_PORT, PERSONNEL_PORT, TRAINING_PORT, PLANNING_PORT: each service's port, its own by default. */
const servicePortVariables = Object.fromEntries(
  [GATEWAY, ...SUBGRAPHS].map(({ name, port }) => [portVariable(name), portSchema.default(port)]),
) as Record<PortVariable, z.ZodDefault<typeof portSchema>>;

const startEnvSchema = baseEnvSchema.extend({
  DATABASE_URL: postgresUrlSchema.optional(),
  EMBEDDED_POSTGRES_PORT: portSchema.default(54329),
  ...servicePortVariables,
  SEED_DEMO_DATA: z.stringbool().default(true),
  LOG_LEVEL: baseEnvSchema.shape.LOG_LEVEL.default('warn'),
});

const log = (line: string) => process.stdout.write(`[start] ${line}\n`);

/** `npm start`: one command from a fresh clone to a running platform with the demo province. */
async function main(): Promise<void> {
  const started = Date.now();
  const env = loadEnvOrExit(startEnvSchema, 'start');
  const database = await ensureDatabaseServer({
    databaseUrl: env.DATABASE_URL,
    nodeEnv: env.NODE_ENV,
    dataDir: join(REPO_ROOT, '.data', 'postgres'),
    port: env.EMBEDDED_POSTGRES_PORT,
    log,
  });
  let databaseUrl = database.serverUrl;
  if (database.embedded) {
    await createDatabaseIfMissing(database.serverUrl, 'cadres');
    databaseUrl = withDatabase(database.serverUrl, 'cadres');
    log(`embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}, data in .data/postgres`);
  }

  let stopping = false;
  const platform = await startPlatform({
    databaseUrl,
    seedDemoData: env.SEED_DEMO_DATA,
    ports: Object.fromEntries(
      [GATEWAY, ...SUBGRAPHS].map(({ name }) => [name, env[portVariable(name)]]),
    ) as ServicePorts,
    env: { LOG_LEVEL: env.LOG_LEVEL, NODE_ENV: env.NODE_ENV },
  }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await platform.stop();
    await database.stop();
    log('stopped');
    process.exit(0);
  };
  // A signal handler's promise is not awaited by Node: a failed stop is reported and exits non-zero.
  const onSignal = () => {
    stop().catch((error: unknown) => {
      log(`could not stop cleanly: ${String(error)}`);
      process.exit(1);
    });
  };
  // The embedded PostgreSQL library installs async-exit-hook, which on SIGINT or SIGTERM stops the
  // server and exits the process as soon as PostgreSQL is down: before the services using it have
  // stopped, and before this launcher says it stopped. The launcher stops them in order itself.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`GraphiQL:  ${platform.gatewayUrl}/graphiql   (example dossier: cadre ${demoKeys.cadreId(1)})`);
  log(`GraphQL:   ${platform.gatewayUrl}/graphql`);
  log(`Health:    ${platform.gatewayUrl}/health`);
  log('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
