import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** One connection for a few statements, closed whatever happens. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  });
}

/** A throwaway copy of a database (PostgreSQL copies the files: seconds, even for a large one). */
export async function copyDatabase(serverUrl: string, source: string, target: string): Promise<void> {
  await dropDatabase(serverUrl, target);
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${target}" TEMPLATE "${source}"`));
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}

export interface DatabaseServer {
  /** A URL on the server whose database can be swapped with `withDatabase`. */
  serverUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL, which production refuses so that a
 * misconfigured deployment fails loudly instead of writing classified data to a local folder.
 */
export async function ensureDatabaseServer(options: {
  databaseUrl?: string;
  nodeEnv?: string;
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { serverUrl: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  if (options.nodeEnv === 'production') {
    throw new Error('DATABASE_URL is required in production; the embedded database is for development only.');
  }
  const embedded = await startEmbeddedPostgres(options.dataDir, options.port, options.log);
  return { serverUrl: embedded.serverUrl, embedded: true, stop: () => embedded.stop() };
}
