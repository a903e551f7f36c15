import { must, Role } from '@cadres/core';
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
 * Issue 19's round trip: the demo province's cadres and their history (class rosters, planning
 * lists) exported, imported into an EMPTY database, exported again: the same files. Career events
 * and part of the rosters and planning lists do not round-trip under today's rules: what does is
 * compared file for file, and what does not is named (README, "Into a new database").
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
/** The source's history exports (CSV), taken before it stops; and its classes that have ended. */
const history: Partial<Record<'career-events' | 'class-rosters' | 'planning-lists', string>> = {};
let endedClasses: Set<string>;

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

/**
 * Reference tables copied as they are (the import creates none of them): training's providers,
 * programmes, plans with their quotas and classes (no seat taken yet: the rosters' import takes
 * them), planning's rule sets, terms and planned titles (no candidate yet), in the order their keys
 * need. Terms name their paired term: set once both are in.
 */
const REFERENCE_TABLES: readonly [table: string, select: string][] = [
  ['personnel.title', 'SELECT * FROM personnel.title ORDER BY code'],
  ['training.provider', 'SELECT * FROM training.provider'],
  ['training.programme', 'SELECT * FROM training.programme'],
  ['training.training_plan', 'SELECT * FROM training.training_plan'],
  ['training.quota', 'SELECT * FROM training.quota'],
  ['training.training_class', 'SELECT *, 0 AS seats_taken FROM training.training_class'],
  ['planning.rule_set', 'SELECT * FROM planning.rule_set'],
  ['planning.term', 'SELECT *, NULL AS paired_term_id FROM planning.term'],
  ['planning.planned_title', 'SELECT *, 0 AS active_candidates FROM planning.planned_title'],
];

/** The reference tables, from the source database into the target's: units a level at a time, parents first (the path trigger reads the parent's). */
async function copyReferenceData(from: string, to: string): Promise<void> {
  const read = (sql: string) => withClient(from, async (client) => (await client.query(sql)).rows);
  const units = await read(`SELECT * FROM personnel.org_unit ORDER BY cardinality(path), code`);
  const tables = await Promise.all(REFERENCE_TABLES.map(async ([table, sql]) => [table, await read(sql)] as const));
  const pairs = await read(`SELECT id, paired_term_id FROM planning.term WHERE paired_term_id IS NOT NULL`);
  await withClient(to, async (client) => {
    await client.query('BEGIN');
    const depths = [...new Set(units.map((u: { path: string[] }) => u.path.length))];
    for (const depth of depths) {
      await client.query(
        `INSERT INTO personnel.org_unit SELECT * FROM json_populate_recordset(NULL::personnel.org_unit, $1)`,
        [JSON.stringify(units.filter((u: { path: string[] }) => u.path.length === depth))],
      );
    }
    // The migrations may have put a table's defaults in already (rule sets): those stay.
    for (const [table, rows] of tables)
      await client.query(
        `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1) ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
    for (const { id, paired_term_id } of pairs as { id: string; paired_term_id: string }[])
      await client.query(`UPDATE planning.term SET paired_term_id = $2 WHERE id = $1`, [id, paired_term_id]);
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
  for (const kind of ['career-events', 'class-rosters', 'planning-lists'] as const)
    history[kind] = (await download(sourceUrl, `/export/${kind}.csv${order}`)).toString('utf8');
  endedClasses = new Set(
    await withClient((source as E2EPlatform).databaseUrl, async (client) =>
      (await client.query(`SELECT code FROM training.training_class WHERE end_date < current_date`)).rows.map(
        (r: { code: string }) => r.code,
      ),
    ),
  );
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

/** A CSV export's records (the exports quote, never break, a field: one record a line), each with its fields. */
function csvRecords(csv: string): { line: string; fields: string[] }[] {
  const body = csv.replace(/^\uFEFF/, '').replace(/\r\n$/, '');
  return body.split('\r\n').map((line) => ({
    line,
    fields: [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, f = '']) =>
      f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f,
    ),
  }));
}

/** The header and the records kept, STT renumbered from 1 (as an export of those records alone numbers them). */
function keepRecords(csv: string, keep: (fields: string[]) => boolean): string {
  const [header, ...records] = csvRecords(csv);
  const kept = records.filter((r) => keep(r.fields)).map((r, i) => r.line.replace(/^\d+,/, `${i + 1},`));
  return `\uFEFF${[must(header, 'a header').line, ...kept].join('\r\n')}\r\n`;
}

async function importCsv(kind: 'class-rosters' | 'planning-lists' | 'career-events', csv: string, dryRun = false) {
  const path = join(dir, `${kind}.csv`);
  await writeFile(path, csv);
  return runImport({
    kind,
    path,
    client: new GatewayClient(`${(target as RunningPlatform).gatewayUrl}/graphql`, `Bearer ${admin}`),
    dryRun,
    // A training batch checks quotas and seats row by row: 200 rows stay well within the gateway's subgraph deadline on a busy machine.
    batchSize: 200,
  });
}

/**
 * The file imports whole into the target (every row created, committed) and the target's export of
 * the kind is that file again: the CSV byte for byte, the XLSX cell for cell. Gives the rows' count.
 */
async function expectRoundTrip(kind: 'class-rosters' | 'planning-lists', imported: string): Promise<number> {
  const count = csvRecords(imported).length - 1;
  const report = await importCsv(kind, imported);
  expect({ problems: report.problems.slice(0, 3), committed: report.committed, created: report.created }).toEqual({
    problems: [],
    committed: true,
    created: count,
  });
  const url = (target as RunningPlatform).gatewayUrl;
  expect((await download(url, `/export/${kind}.csv?orderBy=PERSONAL_ID_NUMBER`)).toString('utf8')).toBe(imported);
  // A workbook row ends at its last filled cell and skips empty ones (holes); a CSV record has every field.
  const cells = (rows: string[][]) =>
    rows.map((row) => {
      const trimmed = Array.from(row, (cell) => cell ?? '');
      while (trimmed.at(-1) === '') trimmed.pop();
      return trimmed;
    });
  expect(cells(await xlsxRows(await download(url, `/export/${kind}.xlsx?orderBy=PERSONAL_ID_NUMBER`)))).toEqual(
    cells(csvRecords(imported).map((r) => r.fields)),
  );
  return count;
}

it('the rosters of ended classes round-trip: imported into the new database, exported again the same', async () => {
  const rosters = must(history['class-rosters'], 'exported by the first test');
  const [header] = csvRecords(rosters);
  expect(header?.fields.slice(0, 4)).toEqual(['STT', 'Mã lớp', 'Số định danh cá nhân', 'Họ và tên']);
  // A running class's trainee is nominated as the API nominates: eligibility on today's facts
  // (degrees, evaluations, Party membership), which no import kind carries: those rows stay out.
  const ended = keepRecords(rosters, ([, classCode = '']) => endedClasses.has(classCode));
  const count = await expectRoundTrip('class-rosters', ended);
  expect(count).toBeGreaterThan(2000);
  // Idempotent: the same file again changes nothing.
  const again = await importCsv('class-rosters', ended);
  expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({
    created: 0,
    updated: 0,
    unchanged: count,
  });
}, 600_000);

it('the planning lists round-trip for their proposals and approvals', async () => {
  const lists = must(history['planning-lists'], 'exported by the first test');
  // A cadre may be planned for one title in two units of a term (the demo has such): two entries, two rows.
  const kept = keepRecords(lists, (f) => ['Đề xuất', 'Đã phê duyệt'].includes(f[9] ?? ''));
  expect(await expectRoundTrip('planning-lists', kept)).toBeGreaterThan(100);

  // What stays out, each for its stated reason, read and resolved all the same (no unknown code, no bad cell).
  const rest = await importCsv('planning-lists', lists, true);
  expect(new Set(rest.problems.map((p) => p.code))).toEqual(
    new Set(['STATUS_NOT_IMPORTABLE', 'INVALID_TRANSITION', 'TERM_CLOSED']),
  );
}, 600_000);

it("career events export in the import's layout but do not round-trip into an empty database under today's rules", async () => {
  const events = must(history['career-events'], 'exported by the first test');
  expect(csvRecords(events).length).toBeGreaterThan(1000);
  const report = await importCsv('career-events', events, true);
  // Every row is read and every code resolved: what refuses them is the rules applied to today's
  // records (README, "Into a new database"): the cadre file carries today's unit, so a transfer or
  // rotation into it is SAME_UNIT; a first appointment needs its planning entry (realised entries
  // of ended terms do not import); a renewal needs the first appointment.
  const codes = new Set(report.problems.map((p) => p.code));
  for (const code of codes)
    expect([
      'SAME_UNIT',
      'NOT_IN_PLANNING',
      'NOT_IN_PLANNING_POOL',
      'NOT_HOLDING_TITLE',
      'RETIREMENT_AGE_REACHED',
    ]).toContain(code);
  expect(report.committed).toBe(false);
}, 600_000);
