import { SUBGRAPHS } from '@cadres/core';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createDatabaseIfMissing, dropDatabase, withClient, withDatabase } from './database';
import { REPO_ROOT } from './services';

/** The variable through which the test run tells each test file which database to clone. */
export const TEST_TEMPLATE_DATABASE = 'TEST_TEMPLATE_DATABASE';

/**
 * Creates `database` and migrates every subgraph's schema into it once, each with its own
 * `node dist/index.js migrate` (the deployment's migration job, so the template is exactly what a
 * deployment gets). Test files then clone it (`CREATE DATABASE … TEMPLATE`, a file copy) instead
 * of each migrating, and never share rows, reference-change notices or statement counts.
 */
export async function createMigratedTemplate(serverUrl: string, database: string): Promise<void> {
  await createDatabaseIfMissing(serverUrl, database);
  const url = withDatabase(serverUrl, database);
  // At the same time: the schemas are independent, and most of each run is Node starting up.
  await Promise.all(
    SUBGRAPHS.map(({ name, directory }) => migrate(name, join(REPO_ROOT, directory, 'dist', 'index.js'), url)),
  );
}

function migrate(name: string, entry: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(process.execPath, [entry, 'migrate'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${name}: migrations into the test template failed (exit ${code}):\n${output.join('')}`)),
    );
  });
}

/** Drops the per-file clones a killed test worker could not drop itself (named `<run database>_f_…`). */
export async function dropFileDatabases(serverUrl: string, runDatabase: string): Promise<string[]> {
  const { rows } = await withClient(serverUrl, (client) =>
    client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
      `${runDatabase}_f_`,
    ]),
  );
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
  return rows.map(({ datname }) => datname);
}
