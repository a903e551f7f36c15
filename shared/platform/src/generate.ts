import { generatedKeys, SUBGRAPHS, type GeneratedDataset, type GeneratorProgress } from '@cadres/core';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createDatabaseIfMissing, dropDatabase, withClient, withDatabase } from './database';
import { freePorts, startPlatform, startService, stopChild } from './services';

/** The two sizes the benchmarks use: a province, and a national sample. */
export const DATASETS = { province: 30_000, national: 1_000_000 } as const;

/** `province`, `national` or a number of cadres, as the command-line options say it. */
export function datasetSize(size: string): number {
  const cadres = size in DATASETS ? DATASETS[size as keyof typeof DATASETS] : Number(size);
  if (!Number.isInteger(cadres) || cadres <= 0)
    throw new Error(`unknown dataset size "${size}": province, national or a number of cadres`);
  return cadres;
}

export interface GeneratedDatabase {
  name: string;
  databaseUrl: string;
  /** False when a complete database of the same dataset was already there and is reused. */
  generated: boolean;
  rows: number;
  /** Bulk load only (the generators), and everything (migrations and demo data too). */
  loadSeconds: number;
  totalSeconds: number;
}

/**
 * A database holding a generated dataset: the demo province, loaded by the subgraphs as on any
 * start, then each subgraph's generator adding its share in bulk, the three in parallel. The same
 * (size, seed) gives the same data, so a complete database is kept and reused (its name says both,
 * a marker row says it finished); an unfinished one is dropped and made again.
 */
export async function prepareGeneratedDatabase(
  serverUrl: string,
  dataset: GeneratedDataset,
  log: (line: string) => void,
  options: { progressBar?: boolean; database?: string } = {},
): Promise<GeneratedDatabase> {
  const name = options.database ?? `cadres_gen_${dataset.cadres}_${dataset.seed}`;
  const databaseUrl = withDatabase(serverUrl, name);
  if (await isComplete(serverUrl, name)) {
    log(`reusing ${name} (${dataset.cadres.toLocaleString('en')} cadres, seed ${dataset.seed})`);
    return { name, databaseUrl, generated: false, rows: 0, loadSeconds: 0, totalSeconds: 0 };
  }
  const started = Date.now();
  await dropDatabase(serverUrl, name);
  await createDatabaseIfMissing(serverUrl, name);
  log(`${name}: migrations and the demo province…`);
  const ports = await freePorts();
  const platform = await startPlatform({
    databaseUrl,
    ports,
    seedDemoData: true,
    stdio: 'ignore',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    readyTimeoutMs: 180_000,
  });
  await platform.stop();

  log(
    `${name}: generating ${(dataset.cadres - generatedKeys.firstCadre + 1).toLocaleString('en')} cadres with their histories (seed ${dataset.seed})…`,
  );
  const loadStarted = Date.now();
  const rows = await runGenerators(databaseUrl, dataset, log, options.progressBar ?? true);
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(
    `${name}: ${rows.toLocaleString('en')} rows in ${loadSeconds.toFixed(1)} s = ${Math.round(rows / loadSeconds).toLocaleString('en')} rows/s; analysing…`,
  );
  await withClient(databaseUrl, async (client) => {
    await client.query('VACUUM ANALYZE');
    await client.query(
      'CREATE TABLE public.generated_dataset (cadres integer NOT NULL, seed integer NOT NULL, rows bigint NOT NULL, completed_at timestamptz NOT NULL DEFAULT now())',
    );
    await client.query('INSERT INTO public.generated_dataset (cadres, seed, rows) VALUES ($1, $2, $3)', [
      dataset.cadres,
      dataset.seed,
      rows,
    ]);
  });
  const totalSeconds = (Date.now() - started) / 1000;
  log(`${name}: ready in ${totalSeconds.toFixed(1)} s`);
  return { name, databaseUrl, generated: true, rows, loadSeconds, totalSeconds };
}

/** Runs the three subgraphs' generators at once and draws their progress as one bar. */
async function runGenerators(
  databaseUrl: string,
  dataset: GeneratedDataset,
  log: (line: string) => void,
  showProgress: boolean,
): Promise<number> {
  const generatedCadres = dataset.cadres - generatedKeys.firstCadre + 1;
  const progress = new ProgressBar(generatedCadres * SUBGRAPHS.length, showProgress);
  const rows = new Map<string, number>();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    GENERATE_CADRES: String(dataset.cadres),
    GENERATE_SEED: String(dataset.seed),
  };
  const children: ChildProcess[] = [];
  await Promise.all(
    SUBGRAPHS.map(async ({ name, directory }) => {
      const logs: string[] = [];
      const child = startService(`${directory}/dist/generate-cli.js`, env, 'pipe', logs);
      children.push(child);
      const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
      for await (const line of createInterface({ input: child.stdout! })) {
        const report = parseProgress(line);
        if (!report) continue;
        rows.set(name, report.rows);
        if (report.cadres)
          progress.advance(
            report.cadres,
            [...rows.values()].reduce((a, b) => a + b, 0),
          );
      }
      const code = await done;
      const finished = logs.map(parseProgress).find((report) => report?.ms !== undefined);
      if (finished) log(`${name}: ${finished.rows.toLocaleString('en')} rows in ${(finished.ms! / 1000).toFixed(1)} s`);
      if (code !== 0) {
        throw new Error(`the ${name} generator failed (exit ${code}):\n${logs.slice(-20).join('\n')}`);
      }
    }),
  ).catch(async (error: unknown) => {
    // The database stays unfinished (no marker), so the next run drops it and starts again.
    progress.end();
    await Promise.all(children.map((child) => stopChild(child)));
    throw error;
  });
  progress.end();
  return [...rows.values()].reduce((a, b) => a + b, 0);
}

function parseProgress(line: string): GeneratorProgress | null {
  try {
    const parsed = JSON.parse(line) as Partial<GeneratorProgress>;
    return typeof parsed.rows === 'number' ? (parsed as GeneratorProgress) : null;
  } catch {
    return null;
  }
}

/** A one-line bar on a terminal; a line every tenth of the way in logs. */
class ProgressBar {
  private done = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly visible: boolean,
  ) {}

  advance(units: number, rows: number): void {
    this.done += units;
    if (!this.visible) return;
    const share = Math.min(1, this.done / this.total);
    const seconds = (Date.now() - this.started) / 1000;
    const line = `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows  ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}`);
    } else if (Math.floor(share * 10) > this.lastTenth) {
      this.lastTenth = Math.floor(share * 10);
      process.stderr.write(`${line}\n`);
    }
  }

  end(): void {
    if (this.visible && process.stderr.isTTY) process.stderr.write('\n');
  }
}

async function isComplete(serverUrl: string, database: string): Promise<boolean> {
  const exists = await withClient(
    serverUrl,
    async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1,
  );
  if (!exists) return false;
  return withClient(
    withDatabase(serverUrl, database),
    async (client) =>
      (await client.query(`SELECT to_regclass('public.generated_dataset') IS NOT NULL AS done`)).rows[0]
        .done as boolean,
  );
}
