/**
 * The Kubernetes migration Job runs each subgraph's image as `node dist/index.js migrate`
 * (docker/k8s/migration-job.yaml): it must apply that subgraph's migrations to an empty database and
 * exit 0, do nothing the second time, and exit 1 (for the Job to retry) when the database is not
 * there. Each subgraph here is the built process, on a database of the test's own.
 */
import { SUBGRAPHS } from '@cadres/core';
import { createDatabaseIfMissing, dropDatabase, freePort, REPO_ROOT, withClient, withDatabase } from '@cadres/platform';
import { testDatabaseUrl } from '@cadres/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';

interface Exit {
  code: number;
  output: string;
}

function migrate(directory: string, databaseUrl: string): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, directory, 'dist/index.js'), 'migrate'],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'info' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

const serverUrl = testDatabaseUrl();
const database = `cadres_migrate_${process.pid}_${Date.now().toString(36)}`;
const databaseUrl = withDatabase(serverUrl, database);

beforeAll(() => createDatabaseIfMissing(serverUrl, database));
afterAll(() => dropDatabase(serverUrl, database));

describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))('`migrate` of the %s image', (name, subgraph) => {
  it('applies every migration to an empty database and exits 0, then finds nothing to do', async () => {
    const first = await migrate(subgraph.directory, databaseUrl);
    expect(first).toMatchObject({ code: 0 });
    const applied = await withClient(databaseUrl, async (client) =>
      Number((await client.query(`SELECT count(*) AS n FROM "${name}".migrations`)).rows[0].n),
    );
    expect(applied).toBeGreaterThan(0);
    expect(first.output).toContain(`${name}: ${applied} migration(s) applied; schema current`);

    const second = await migrate(subgraph.directory, databaseUrl);
    expect(second.code).toBe(0);
    expect(second.output).toContain(`${name}: 0 migration(s) applied; schema current`);
  }, 90_000);

  it('exits 1 when its database is not there (the Job retries)', async () => {
    const closed = await freePort();
    const result = await migrate(subgraph.directory, `postgres://postgres@127.0.0.1:${closed}/none`);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${name}: migrations failed`);
  }, 90_000);
});
