import { must, Role, type Identity } from '@cadres/core';
import { startSubgraphHarness } from '@cadres/testing';
import { createHash, randomUUID } from 'node:crypto';
import { Cadre, Sex } from '../src/modules/cadre/cadre.entity';
import { ChangeLogEntry } from '../src/modules/change-log/change-log.entity';
import type { OrgUnit } from '../src/modules/org-unit/org-unit.entity';
import { personnelSubgraph } from '../src/subgraph';
import { cadreBorn, createOrgUnit, matchingPersonalId, type Harness } from './career-fixtures';

let harness: Harness;
let unitA: OrgUnit;
let unitB: OrgUnit;

beforeAll(async () => {
  harness = await startSubgraphHarness(personnelSubgraph);
  [unitA, unitB] = [await createOrgUnit(harness.subgraph.dataSource), await createOrgUnit(harness.subgraph.dataSource)];
});
afterAll(() => harness.stop());

const IMPORT = `mutation ($input: ImportCadresInput!) {
  importCadres(input: $input) { dryRun committed alreadyImported created updated unchanged problems { row field code reason message suggestion } }
}`;

interface ImportResult {
  dryRun: boolean;
  committed: boolean;
  alreadyImported: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: {
    row: number;
    field: string | null;
    code: string;
    reason: string | null;
    message: string;
    suggestion: string | null;
  }[];
}

async function importRows(
  rows: Record<string, unknown>[],
  options: { dryRun?: boolean; fileHash?: string; batchIndex?: number } = {},
  identity?: Identity,
): Promise<ImportResult> {
  const result = await harness.query<{ importCadres: ImportResult }>(
    IMPORT,
    { input: { rows, dryRun: options.dryRun ?? false, fileHash: options.fileHash, batchIndex: options.batchIndex } },
    identity,
  );
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data!.importCadres;
}

function row(n: number, overrides: Record<string, unknown> = {}) {
  const dateOfBirth = `198${n % 10}-0${(n % 9) + 1}-15`;
  return {
    row: n,
    personalIdNumber: matchingPersonalId(Sex.FEMALE, dateOfBirth),
    fullName: `Lò Thị Hoa ${randomUUID().slice(0, 4)}`,
    sex: 'FEMALE',
    dateOfBirth,
    ethnicity: 'Thái',
    category: 'CIVIL_SERVANT',
    orgUnitCode: unitA.code,
    ...overrides,
  };
}

const cadresWith = (ids: string[]) =>
  harness.subgraph.dataSource
    .getRepository(Cadre)
    .createQueryBuilder('c')
    .where('c.personal_id_number = ANY(:ids)', { ids })
    .getMany();
const changesFor = (cadreIds: string[]) =>
  harness.subgraph.dataSource
    .getRepository(ChangeLogEntry)
    .createQueryBuilder('c')
    .where('c.cadre_id = ANY(:ids)', { ids: cadreIds })
    .getMany();

it('a dry run reports every problem of every row at once, with the nearest unit code, and writes nothing', async () => {
  const rows = [
    row(4),
    row(5, { personalIdNumber: '011099000001', email: 'not-an-address' }),
    row(6, { orgUnitCode: `${unitA.code}x` }),
    row(7, { fullName: undefined }),
  ];
  const result = await importRows(rows, { dryRun: true });
  expect(result).toMatchObject({ dryRun: true, committed: false, created: 1 });
  const found = result.problems.map((p) => `${p.row}:${p.field}:${p.reason}`).sort();
  expect(found).toEqual([
    '5:email:INVALID_EMAIL',
    '5:personalIdNumber:PERSONAL_ID_MISMATCH',
    '6:orgUnitCode:UNKNOWN_ORG_UNIT',
    '7:fullName:REQUIRED',
  ]);
  expect(result.problems.find((p) => p.reason === 'UNKNOWN_ORG_UNIT')?.suggestion).toBe(unitA.code);
  expect(await cadresWith(rows.map((r) => r.personalIdNumber))).toEqual([]);
});

it('imports a batch whole or not at all: one refused row leaves the others unwritten', async () => {
  const rows = [row(1), row(2, { dateOfBirth: '2090-01-01' })];
  const result = await importRows(rows);
  expect(result.committed).toBe(false);
  expect(result.problems.map((p) => p.reason)).toEqual(['DATE_IN_FUTURE']);
  expect(await cadresWith(rows.map((r) => r.personalIdNumber))).toEqual([]);
});

it('creates through the API’s service (NFC text, change history), and a second run changes nothing', async () => {
  const rows = [row(1, { fullName: '  Lường   Văn Ơn '.normalize('NFD') }), row(2)];
  const ids = rows.map((r) => r.personalIdNumber);
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 2, updated: 0, unchanged: 0, problems: [] });
  const created = await cadresWith(ids);
  expect(created.map((c) => c.fullName)).toContain('Lường Văn Ơn');
  const history = await changesFor(created.map((c) => c.id));
  expect(history.map((h) => h.action)).toEqual(['CADRE_CREATED', 'CADRE_CREATED']);

  expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
  expect(await changesFor(created.map((c) => c.id))).toHaveLength(2);
  expect((await cadresWith(ids)).map((c) => c.updatedAt.getTime()).sort()).toEqual(
    created.map((c) => c.updatedAt.getTime()).sort(),
  );

  // A changed cell updates that record only, recorded as updateCadre records it.
  expect(await importRows([{ ...rows[0], phone: '0912 345 678' }, must(rows[1], 'two rows')])).toMatchObject({
    created: 0,
    updated: 1,
    unchanged: 1,
  });
  expect((await changesFor(created.map((c) => c.id))).map((h) => h.action).sort()).toEqual([
    'CADRE_CREATED',
    'CADRE_CREATED',
    'CADRE_UPDATED',
  ]);
});

it('imports a file’s batch once: sent again after an interruption it is skipped', async () => {
  const fileHash = createHash('sha256').update(randomUUID()).digest('hex');
  const rows = [row(3)];
  expect(await importRows(rows, { fileHash, batchIndex: 0 })).toMatchObject({ committed: true, created: 1 });
  expect(await importRows(rows, { fileHash, batchIndex: 0 })).toMatchObject({
    alreadyImported: true,
    created: 0,
    unchanged: 0,
  });
  const progress = await harness.query<{ cadreImportProgress: number[] }>(
    `query ($h: String!) { cadreImportProgress(fileHash: $h) }`,
    { h: fileHash },
  );
  expect(progress.body.data!.cadreImportProgress).toEqual([0]);
});

it('an ORGANIZER imports within their subtrees only, each row decided as createCadre/updateCadre would be', async () => {
  const organizer: Identity = {
    subject: `organizer-${randomUUID()}`,
    role: Role.ORGANIZER,
    agency: null,
    scopes: [],
    units: [unitA.id],
  };
  const outsider = await cadreBorn(harness, '1979-02-03', Sex.MALE, unitB.id);
  const rows = [
    row(1),
    row(2, { orgUnitCode: unitB.code }),
    row(3, {
      personalIdNumber: outsider.personalIdNumber,
      sex: 'MALE',
      dateOfBirth: '1979-02-03',
      orgUnitCode: unitB.code,
    }),
  ];
  const result = await importRows(rows, {}, organizer);
  expect(result.committed).toBe(false);
  expect(result.problems.map((p) => `${p.row}:${p.code}:${p.reason ?? ''}`).sort()).toEqual([
    '2:FORBIDDEN:',
    '3:CONFLICT:DUPLICATE_PERSONAL_ID',
  ]);
  const viewer: Identity = { ...organizer, role: Role.VIEWER };
  const refused = await harness.query(IMPORT, { input: { rows: [row(1)], dryRun: true } }, viewer);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

describe('the set-based batch path', () => {
  const send = (rows: Record<string, unknown>[]) =>
    harness.query<{ importCadres: ImportResult }>(IMPORT, { input: { rows, dryRun: false } });
  const numbered = (from: number, count: number, overrides: Record<string, unknown> = {}) =>
    Array.from({ length: count }, (_, i) => row(from + i, overrides));

  it('costs the same statements for 10 rows as for 100, new or changed: no statement per row', async () => {
    const few = numbered(1, 10);
    const many = numbered(1, 100);
    const [createFew, createMany] = [await send(few), await send(many)];
    expect(createFew.body.data!.importCadres).toMatchObject({ committed: true, created: 10 });
    expect(createMany.body.data!.importCadres).toMatchObject({ committed: true, created: 100 });
    expect(createMany.sqlStatements).toBe(createFew.sqlStatements);

    const changedFew = few.map((r) => ({ ...r, phone: '0912 000 111' }));
    const changedMany = many.map((r) => ({ ...r, phone: '0912 000 222' }));
    const [updateFew, updateMany] = [await send(changedFew), await send(changedMany)];
    expect(updateFew.body.data!.importCadres).toMatchObject({ committed: true, updated: 10 });
    expect(updateMany.body.data!.importCadres).toMatchObject({ committed: true, updated: 100 });
    expect(updateMany.sqlStatements).toBe(updateFew.sqlStatements);
  });

  it('records each row’s history exactly as createCadre and updateCadre record one', async () => {
    const fields = {
      fullName: 'Lò Văn Pọm',
      sex: 'MALE',
      dateOfBirth: '1983-03-03',
      ethnicity: 'Thái',
      category: 'CIVIL_SERVANT',
      hometown: 'Mường Phăng',
      grade: 'SPECIALIST',
      gradeSince: '2010-01-01',
    };
    const viaApi = await harness.query<{ createCadre: { cadre: { id: string } } }>(
      `mutation ($input: CreateCadreInput!) { createCadre(input: $input) { cadre { id } } }`,
      {
        input: { ...fields, personalIdNumber: matchingPersonalId(Sex.MALE, '1983-03-03'), orgUnitId: unitA.id },
      },
    );
    const apiId = viaApi.body.data!.createCadre.cadre.id;
    const imported = { row: 1, ...fields, personalIdNumber: matchingPersonalId(Sex.MALE, '1983-03-03') };
    expect((await send([{ ...imported, orgUnitCode: unitA.code }])).body.data!.importCadres.created).toBe(1);
    const importedCadre = must((await cadresWith([imported.personalIdNumber]))[0], 'the imported cadre');

    // What differs between the two records: their ids, numbers and times.
    const own = (entry: ChangeLogEntry | undefined) => {
      const strip = (value: unknown) => {
        const {
          id: _id,
          personalIdNumber: _n,
          createdAt: _c,
          updatedAt: _u,
          ...rest
        } = value as Record<string, unknown>;
        return rest;
      };
      return { action: entry?.action, before: entry?.before && strip(entry.before), after: strip(entry?.after) };
    };
    const history = async (id: string) => (await changesFor([id])).sort((a, b) => Number(a.id) - Number(b.id));
    expect(own((await history(importedCadre.id))[0])).toEqual(own((await history(apiId))[0]));

    await harness.query(
      `mutation ($id: ID!) { updateCadre(id: $id, input: { phone: "0912 345 678" }) { cadre { id } } }`,
      {
        id: apiId,
      },
    );
    expect((await send([{ ...imported, phone: '0912 345 678' }])).body.data!.importCadres.updated).toBe(1);
    expect(own((await history(importedCadre.id))[1])).toEqual(own((await history(apiId))[1]));
  });

  it('finds a number another transaction took while the batch ran (the insert itself), and writes nothing', async () => {
    const [taken, other] = [row(1), row(2)];
    const runner = harness.subgraph.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.manager.getRepository(Cadre).insert({
        fullName: 'Người khác',
        sex: Sex.FEMALE,
        dateOfBirth: taken.dateOfBirth,
        ethnicity: 'Thái',
        personalIdNumber: taken.personalIdNumber,
        category: 'CIVIL_SERVANT' as Cadre['category'],
        orgUnitId: unitB.id,
      });
      const pending = importRows([taken, other]);
      // The batch read no such number (not committed yet) and now waits on it in its insert.
      for (;;) {
        const waiting: unknown[] = await harness.subgraph.dataSource.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%cadre.insertMany%'`,
        );
        if (waiting.length) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await runner.commitTransaction();
      const result = await pending;
      expect(result.committed).toBe(false);
      expect(result.problems.map((p) => `${p.row}:${p.reason}`)).toEqual([`${taken.row}:DUPLICATE_PERSONAL_ID`]);
      expect(await cadresWith([other.personalIdNumber])).toEqual([]);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('a corrected birth date goes through updateCadre’s retirement rule, with its history', async () => {
    const first = row(8, { dateOfBirth: '1988-06-15', personalIdNumber: matchingPersonalId(Sex.FEMALE, '1988-06-15') });
    expect((await send([first])).body.data!.importCadres.created).toBe(1);
    const corrected = { ...first, dateOfBirth: '1988-07-15' };
    expect((await send([corrected])).body.data!.importCadres).toMatchObject({ committed: true, updated: 1 });
    const cadre = must((await cadresWith([first.personalIdNumber]))[0], 'the imported cadre');
    expect(cadre.dateOfBirth).toBe('1988-07-15');
    expect((await changesFor([cadre.id])).map((c) => c.action).sort()).toEqual(['CADRE_CREATED', 'CADRE_UPDATED']);
  });
});
