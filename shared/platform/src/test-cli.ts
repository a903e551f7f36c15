import { baseEnvSchema, loadEnvOrExit, postgresUrlSchema } from '@cadres/core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createDatabaseIfMissing, dropDatabase, ensureDatabaseServer, withDatabase } from './database';
import { freePort } from './ports';
import { REPO_ROOT } from './services';
import { createMigratedTemplate, dropFileDatabases, TEST_TEMPLATE_DATABASE } from './test-template';

const testEnvSchema = baseEnvSchema.extend({ DATABASE_URL: postgresUrlSchema.optional() });

const log = (line: string) => process.stdout.write(`[test] ${line}\n`);

/**
 * `npm test`: runs every Jest tier against a real PostgreSQL: the server in DATABASE_URL, or an
 * embedded one. Each run gets a fresh database, dropped afterwards, so runs never see each other's
 * rows and the database named in DATABASE_URL is never written to. Next to it, a template with every
 * subgraph's migrations applied once: each integration test file works in a clone of its own
 * (shared/testing's file-database.ts), dropped when the file ends.
 */
async function main(): Promise<number> {
  const env = loadEnvOrExit(testEnvSchema, 'test');
  const server = await ensureDatabaseServer({
    databaseUrl: env.DATABASE_URL,
    nodeEnv: env.NODE_ENV,
    dataDir: join(REPO_ROOT, '.data', 'test-postgres'),
    port: await freePort(),
    log,
  });
  const database = `cadres_test_${process.pid}_${Date.now().toString(36)}`;
  const template = `${database}_template`;
  try {
    await createDatabaseIfMissing(server.serverUrl, database);
    const started = Date.now();
    await createMigratedTemplate(server.serverUrl, template);
    log(
      `${server.embedded ? 'embedded PostgreSQL' : 'PostgreSQL from DATABASE_URL'}, database ${database}, migrated template ${template} (${Date.now() - started} ms)`,
    );
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: withDatabase(server.serverUrl, database),
        [TEST_TEMPLATE_DATABASE]: template,
      },
    });
    return jest.status ?? 1;
  } finally {
    await dropFileDatabases(server.serverUrl, database).catch((error: unknown) =>
      log(`could not drop the test files' databases: ${String(error)}`),
    );
    await dropDatabase(server.serverUrl, template).catch((error: unknown) =>
      log(`could not drop ${template}: ${String(error)}`),
    );
    await dropDatabase(server.serverUrl, database).catch((error: unknown) =>
      log(`could not drop ${database}: ${String(error)}`),
    );
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[test] ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
