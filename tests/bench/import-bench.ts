/**
 * `npm run bench:import` (issue 19): 30,000 cadre rows from one XLSX, validated and imported through
 * the gateway, measured, never asserted. Starts the platform on a throwaway database with the demo
 * province, writes the file in the template's layout, then times: the import (pass 1: every row's
 * local checks and the subgraph's dry run; pass 2: the commits, a transaction per batch), a second
 * run of the same file (idempotent: nothing written), and the process's peak memory.
 *
 * Options: --rows=30000 --batch-size=200 --database=cadres_import_bench
 */
import { demoKeys, Role } from '@cadres/core';
import {
  CADRE_COLUMNS,
  DEFAULT_BATCH_SIZE,
  GatewayClient,
  runImport,
  writeRowsXlsx,
  type RowValues,
} from '@cadres/exchange';
import {
  createDatabaseIfMissing,
  dropDatabase,
  ensureDatabaseServer,
  freePorts,
  REPO_ROOT,
  startPlatform,
  withDatabase,
} from '@cadres/platform';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { token } from '../support/platform';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ROWS = Number(option('rows', '30000'));
const BATCH = Number(option('batch-size', String(DEFAULT_BATCH_SIZE)));
const DATABASE = option('database', 'cadres_import_bench');
const UNITS = ['DB-SNV', 'DB-STC', 'DB-SGD', 'DB-SYT', 'DB-SNN', 'DB-SXD', 'DB-SCT', 'DB-STP'];
const ETHNICITIES = ['Thái', 'Kinh', 'Mông', 'Khơ Mú', 'Dao', 'Lào'];

/** Row i: a unique personal ID number (province code 095, which the demo province does not use) consistent with its sex and birth year, spread over the demo’s departments. */
function* rows(): Generator<RowValues> {
  for (let i = 0; i < ROWS; i++) {
    const female = i % 2 === 1;
    const year = 1966 + (i % 35);
    const dateOfBirth = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const centuryDigit = (female ? 1 : 0) + (year >= 2000 ? 2 : 0);
    yield {
      personalIdNumber: `095${centuryDigit}${String(year).slice(2)}${String(i).padStart(6, '0')}`,
      fullName: `${female ? 'Lò Thị' : 'Quàng Văn'} Thử ${i}`,
      sex: female ? 'FEMALE' : 'MALE',
      dateOfBirth,
      hometown: 'Điện Biên',
      ethnicity: ETHNICITIES[i % ETHNICITIES.length],
      category: i % 3 === 0 ? 'PUBLIC_EMPLOYEE' : 'CIVIL_SERVANT',
      orgUnitCode: UNITS[i % UNITS.length],
      grade: i % 3 === 0 ? null : 'SPECIALIST',
      gradeSince: i % 3 === 0 ? null : `${year + 25}-01-01`,
      phone: `09${String(i).padStart(8, '0')}`,
    };
  }
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const server = await ensureDatabaseServer({
    databaseUrl: process.env.DATABASE_URL,
    nodeEnv: 'development',
    dataDir: join(REPO_ROOT, '.data', 'postgres'),
    port: 54329,
    log,
  });
  await dropDatabase(server.serverUrl, DATABASE);
  await createDatabaseIfMissing(server.serverUrl, DATABASE);
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const platform = await startPlatform({
    databaseUrl: withDatabase(server.serverUrl, DATABASE),
    ports: await freePorts(),
    seedDemoData: true,
    stdio: 'ignore',
    // An import is one request per batch and pass: the bench measures the import, not the limiter.
    env: {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      RATE_LIMIT_PER_MINUTE: '100000000',
      SUBGRAPH_TIMEOUT_MS: '30000',
    },
    readyTimeoutMs: 180_000,
  });
  try {
    const path = join(dir, 'can-bo.xlsx');
    let started = performance.now();
    await writeRowsXlsx(CADRE_COLUMNS, rows(), path);
    log(
      `file: ${ROWS} rows, ${(statSync(path).size / 1024 / 1024).toFixed(1)} MB XLSX, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const client = new GatewayClient(
      `${platform.gatewayUrl}/graphql`,
      `Bearer ${await token({ role: Role.ORGANIZER, org: [demoKeys.orgUnitId('DB')], sub: 'import-bench' })}`,
    );
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const run = async (label: string, dryRun: boolean) => {
      started = performance.now();
      const report = await runImport({ kind: 'cadres', path, client, dryRun, batchSize: BATCH });
      const seconds = (performance.now() - started) / 1000;
      log(
        `${label}: ${seconds.toFixed(1)} s, ${Math.round(report.rows / seconds)} rows/s — rows ${report.rows}, errors ${report.errors}, warnings ${report.warnings}, ` +
          `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, batches ${report.batches}, resumed ${report.resumedBatches}`,
      );
      for (const p of report.problems.slice(0, 5)) log(`  row ${p.row} ${p.key ?? ''} ${p.code}: ${p.messageEn}`);
    };
    await run('dry run', true);
    await run('import (pass 1 dry run + pass 2 commit)', false);
    await run('second run of the same file', false);
    clearInterval(sample);
    log(
      `peak RSS of the importing process: ${(peak / 1024 / 1024).toFixed(0)} MB; machine: ${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(0)} GB`,
    );
  } finally {
    await platform.stop();
    await dropDatabase(server.serverUrl, DATABASE);
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
