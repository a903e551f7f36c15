import { join } from 'node:path';
import { ensureDatabaseServer } from './database';
import { datasetSize, prepareGeneratedDatabase } from './generate';
import { REPO_ROOT } from './services';

const log = (line: string) => process.stdout.write(`[generate] ${line}\n`);

/**
 * `npm run generate -- --size=province|national|<cadres> --seed=1`: a database with a generated
 * dataset, on DATABASE_URL's server or the embedded one. Prints rows, seconds and rows per second.
 */
async function main(): Promise<void> {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const cadres = datasetSize(option('size') ?? 'province');
  const seed = Number(option('seed') ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  const server = await ensureDatabaseServer({
    databaseUrl: process.env.DATABASE_URL,
    nodeEnv: process.env.NODE_ENV,
    dataDir: join(REPO_ROOT, '.data', 'postgres'),
    port: 54329,
    log,
  });
  try {
    const result = await prepareGeneratedDatabase(server.serverUrl, { cadres, seed }, log);
    log(`database: ${result.databaseUrl}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[generate] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
