/**
 * Jest setup for the integration tier (setupFilesAfterEnv): every test file works in a database of
 * its own, cloned from the template that `npm test` migrated once (`CREATE DATABASE … TEMPLATE`),
 * and dropped when the file ends. Files running at the same time then share no rows, no
 * reference-change notices (NOTIFY is per database) and no locks, so a statement count measured in
 * one file is exactly what the code under test ran: no retries, no slack.
 *
 * The clone is dropped by `npm test` when the run ends (dropFileDatabases), not here: Jest runs
 * afterAll hooks in the order they were declared, so a hook here would run before the test file's
 * own, while its subgraphs still hold connections.
 */
import { TEST_TEMPLATE_DATABASE, withClient, withDatabase } from '@cadres/platform';
import { randomBytes } from 'node:crypto';

beforeAll(async () => {
  const runUrl = process.env.DATABASE_URL;
  if (!runUrl) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides a database.');
  const serverUrl = withDatabase(runUrl, 'postgres');
  const template = process.env[TEST_TEMPLATE_DATABASE];
  // Named after the run's database, so that the run finds and drops it.
  const database = `${new URL(runUrl).pathname.slice(1).split('_f_')[0]}_f_${randomBytes(4).toString('hex')}`;
  // Without a template (Jest started directly, not through `npm test`) the clone is an empty
  // database, which the subgraphs under test migrate on start: slower, same result.
  await withClient(serverUrl, (client) =>
    client.query(template ? `CREATE DATABASE "${database}" TEMPLATE "${template}"` : `CREATE DATABASE "${database}"`),
  );
  process.env.DATABASE_URL = withDatabase(runUrl, database);
}, 60_000);
