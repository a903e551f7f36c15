import { Role } from '@cadres/core';
import { GatewayClient, runImport } from '@cadres/exchange';
import {
  createDatabaseIfMissing,
  dropDatabase,
  freePorts,
  startPlatform,
  withClient,
  withDatabase,
  type RunningPlatform,
} from '@cadres/platform';
import { testDatabaseUrl } from '@cadres/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';
import { xlsxRows } from '../support/xlsx';

/**
 * Issue 19's round trip: the demo province's cadres exported, imported into an EMPTY database,
 * exported again: the same file.
 *
 * The empty database is a fresh one that the subgraphs migrate as they start, with no demo data.
 * An import matches each row's unit by its code and never creates units, so the reference data
 * comes first: the province's org units (with their tree) and titles, copied here from the source
 * database's `personnel.org_unit` and `personnel.title`, parents before children, as a province
 * loads its catalogue before its people (README, "Import").
 *
 * Both exports are ordered by personal ID number: the one order two databases holding the same
 * people share (by name or birth date, ties fall back to the records' ids, which differ).
 */
const serverUrl = testDatabaseUrl();
const targetDatabase = `cadres_e2e_round_trip_${process.pid}_${Date.now().toString(36)}`;
let source: E2EPlatform | undefined;
let target: RunningPlatform | undefined;
let dir: string;
let admin: string;

beforeAll(async () => {
  source = await startE2EPlatform();
  admin = await token({ role: Role.ADMIN });
  dir = await mkdtemp(join(tmpdir(), 'import-round-trip-'));
}, 200_000);

afterAll(async () => {
  await source?.stop();
  await target?.stop();
  await dropDatabase(serverUrl, targetDatabase);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function download(gatewayUrl: string, path: string): Promise<Buffer> {
  const response = await fetch(`${gatewayUrl}${path}`, { headers: { authorization: `Bearer ${admin}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The reference tables, from the source database into the target's: units a level at a time, parents first (the path trigger reads the parent's). */
async function copyReferenceData(from: string, to: string): Promise<void> {
  const read = (sql: string) => withClient(from, async (client) => (await client.query(sql)).rows);
  const units = await read(`SELECT * FROM personnel.org_unit ORDER BY cardinality(path), code`);
  const titles = await read(`SELECT * FROM personnel.title ORDER BY code`);
  await withClient(to, async (client) => {
    await client.query('BEGIN');
    const depths = [...new Set(units.map((u: { path: string[] }) => u.path.length))];
    for (const depth of depths) {
      await client.query(
        `INSERT INTO personnel.org_unit SELECT * FROM json_populate_recordset(NULL::personnel.org_unit, $1)`,
        [JSON.stringify(units.filter((u: { path: string[] }) => u.path.length === depth))],
      );
    }
    await client.query(`INSERT INTO personnel.title SELECT * FROM json_populate_recordset(NULL::personnel.title, $1)`, [
      JSON.stringify(titles),
    ]);
    await client.query('COMMIT');
  });
}

it('the demo province exported, imported into an empty database and exported again gives the same files', async () => {
  const order = '?orderBy=PERSONAL_ID_NUMBER';
  const sourceUrl = (source as E2EPlatform).gatewayUrl;
  const firstCsv = await download(sourceUrl, `/export/cadres.csv${order}`);
  const firstXlsx = await download(sourceUrl, `/export/cadres.xlsx${order}`);
  const sourceCadres = (
    await (source as E2EPlatform).query<{ cadres: { totalCount: number } }>(`{ cadres(first: 0) { totalCount } }`)
  ).body.data!.cadres.totalCount;
  expect(sourceCadres).toBeGreaterThan(1000);

  // A fresh database, migrated by the subgraphs as they start, no demo data; then the reference data.
  await createDatabaseIfMissing(serverUrl, targetDatabase);
  const targetUrl = withDatabase(serverUrl, targetDatabase);
  target = await startPlatform({
    databaseUrl: targetUrl,
    ports: await freePorts(),
    seedDemoData: false,
    stdio: 'pipe',
    readyTimeoutMs: 150_000,
    env: { LOG_LEVEL: 'info', NODE_ENV: 'test' },
  });
  await copyReferenceData((source as E2EPlatform).databaseUrl, targetUrl);
  await source?.stop();
  source = undefined;
  const count = (table: string) =>
    withClient(targetUrl, async (client) =>
      Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count),
    );
  expect(await count('personnel.cadre')).toBe(0);

  // The XLSX, in the import's default batches (cut by bytes: each request within the gateway's limit).
  const path = join(dir, 'danh-sach-can-bo.xlsx');
  await writeFile(path, firstXlsx);
  const report = await runImport({
    kind: 'cadres',
    path,
    client: new GatewayClient(`${target.gatewayUrl}/graphql`, `Bearer ${admin}`),
    dryRun: false,
  });
  expect({
    problems: report.problems.slice(0, 3),
    committed: report.committed,
    created: report.created,
    updated: report.updated,
  }).toEqual({ problems: [], committed: true, created: sourceCadres, updated: 0 });
  expect(report.batches).toBeGreaterThan(1);

  const secondCsv = await download(target.gatewayUrl, `/export/cadres.csv${order}`);
  expect(secondCsv.toString('utf8')).toBe(firstCsv.toString('utf8'));
  expect(secondCsv.equals(firstCsv)).toBe(true);
  // A zip's entries carry the time they were written: the workbooks are compared cell by cell.
  expect(await xlsxRows(await download(target.gatewayUrl, `/export/cadres.xlsx${order}`))).toEqual(
    await xlsxRows(firstXlsx),
  );
}, 600_000);
