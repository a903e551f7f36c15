/**
 * `npm run bench:import` (issue 19): 30,000 cadre rows from one XLSX, validated and imported through
 * the gateway, measured, never asserted. Starts the platform on a throwaway database with the demo
 * province, writes the file in the template's layout, then times: a dry run (every row's local
 * checks and the subgraph's dry run of every batch, rolled back), the import (pass 1: the local
 * checks; pass 2: the commits, a transaction per batch), a second run of the same file (every batch
 * recognised as committed: resumed), the same rows in another file (a CSV: every row compared with
 * its record, none written), and the importing process's peak memory. For each run: wall time,
 * the CPU seconds of the importing process, the gateway, personnel and PostgreSQL's backends on the
 * bench's database (this needs the server on this machine, as the tests' is),
 * and the load average, since other sessions share the machine.
 *
 * Options: --rows=30000 --batch-size=1000 (rows; batches are cut by bytes too) --database=cadres_import_bench
 */
import { demoKeys, Role } from '@cadres/core';
import {
  CADRE_COLUMNS,
  DEFAULT_BATCH_SIZE,
  GatewayClient,
  rowsToCsv,
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
  withClient,
  withDatabase,
} from '@cadres/platform';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const [, afterName = ''] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
    const fields = afterName.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
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
    const csvPath = join(dir, 'can-bo.csv');
    writeFileSync(csvPath, rowsToCsv(CADRE_COLUMNS, [...rows()]));
    // PostgreSQL's share: its backends serving the bench's database (the pools keep their connections).
    const postgresCpu = async () => {
      const backends = await withClient(withDatabase(server.serverUrl, DATABASE), async (db) => {
        const rows = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
          DATABASE,
        ]);
        return rows.rows as { pid: number }[];
      });
      return new Map(backends.map(({ pid }) => [pid, cpuSecondsOf(pid)]));
    };
    const cpu = async () => ({
      importer: process.cpuUsage(),
      gateway: cpuSecondsOf(platform.pids.gateway),
      personnel: cpuSecondsOf(platform.pids.personnel),
      postgres: await postgresCpu(),
    });
    const run = async (label: string, file: string, dryRun: boolean) => {
      const before = await cpu();
      started = performance.now();
      const report = await runImport({ kind: 'cadres', path: file, client, dryRun, batchSize: BATCH });
      const seconds = (performance.now() - started) / 1000;
      const after = await cpu();
      const importer = process.cpuUsage(before.importer);
      // A backend that closed during the run is not counted (the CPU it used is lost with it).
      const postgres = [...after.postgres].reduce(
        (sum, [pid, seconds]) => sum + (Number.isNaN(seconds) ? 0 : seconds - (before.postgres.get(pid) ?? 0)),
        0,
      );
      log(
        `${label}: ${seconds.toFixed(1)} s, ${Math.round(report.rows / seconds)} rows/s — rows ${report.rows}, errors ${report.errors}, warnings ${report.warnings}, ` +
          `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, batches ${report.batches}, resumed ${report.resumedBatches}`,
      );
      log(
        `  CPU s: importer ${((importer.user + importer.system) / 1e6).toFixed(1)}, gateway ${(after.gateway - before.gateway).toFixed(1)}, ` +
          `personnel ${(after.personnel - before.personnel).toFixed(1)}, PostgreSQL ${postgres.toFixed(1)}; load average ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
      );
      for (const p of report.problems.slice(0, 5)) log(`  row ${p.row} ${p.key ?? ''} ${p.code}: ${p.messageEn}`);
    };
    await run('dry run', path, true);
    await run('import (pass 1 local checks + pass 2 commit)', path, false);
    await run('second run of the same file', path, false);
    await run('the same rows in another file (CSV)', csvPath, false);
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
