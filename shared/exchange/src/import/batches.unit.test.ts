import type { ValidatedRow } from '../validate';
import { batchesOf, DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, GATEWAY_REQUEST_LIMIT_BYTES } from './batches';
import { importCadresRequest } from './cadre-import-api';

/** 'Ữ' is three bytes in UTF-8: a text of n of them is as heavy as Vietnamese gets. */
const heavy = (length: number) => 'Ữ'.repeat(length);

/** A cadre row with every text at its column's longest (personnel.cadre's varchar lengths). */
function longest(row: number): ValidatedRow {
  return {
    row,
    problems: [],
    values: {
      personalIdNumber: '001090000001',
      fullName: heavy(200),
      otherNames: heavy(200),
      sex: 'MALE',
      dateOfBirth: '1990-01-01',
      placeOfBirth: heavy(300),
      hometown: heavy(300),
      ethnicity: heavy(64),
      religion: heavy(64),
      category: 'CIVIL_SERVANT',
      orgUnitCode: 'DB-SNV',
      grade: 'PRINCIPAL_SPECIALIST',
      gradeSince: '2015-01-01',
      partyAdmissionDate: '2010-01-01',
      partyOfficialDate: '2011-01-01',
      generalEducation: heavy(16),
      phone: heavy(32),
      email: `${heavy(190)}@x.vn`,
    },
  };
}

function ordinary(row: number): ValidatedRow {
  return {
    row,
    problems: [],
    values: { personalIdNumber: '001090000001', fullName: 'Lò Văn Minh', sex: 'MALE', dateOfBirth: '1990-01-01' },
  };
}

async function* stream(rows: ValidatedRow[]): AsyncGenerator<ValidatedRow> {
  yield* rows;
}

async function cut(rows: ValidatedRow[], limits = { rows: DEFAULT_BATCH_SIZE, bytes: DEFAULT_BATCH_BYTES }) {
  const batches: ValidatedRow[][] = [];
  for await (const batch of batchesOf(stream(rows), limits)) batches.push(batch);
  return batches;
}

/** The request body exactly as the gateway receives it, with the longest hash and a large batch index. */
const requestBytes = (batch: ValidatedRow[]) =>
  Buffer.byteLength(
    JSON.stringify(importCadresRequest({ rows: batch, dryRun: false, fileHash: 'f'.repeat(64), batchIndex: 999_999 })),
  );

describe('import batches', () => {
  it('never send the gateway a request over its 100 kB limit, whatever the rows weigh', async () => {
    // Light and heavy rows mixed, in runs long enough to fill batches of each.
    const rows = Array.from({ length: 3000 }, (_, i) => (Math.floor(i / 700) % 2 ? longest(i + 4) : ordinary(i + 4)));
    const batches = await cut(rows);
    expect(batches.flat().map((r) => r.row)).toEqual(rows.map((r) => r.row));
    const sizes = batches.map(requestBytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(GATEWAY_REQUEST_LIMIT_BYTES);
    // Cut by bytes, not by a count that would fit only light rows: full batches of heavy rows are near the limit.
    expect(Math.max(...sizes)).toBeGreaterThan(GATEWAY_REQUEST_LIMIT_BYTES - 8 * 1024);
    expect(batches.every((b) => b.length <= DEFAULT_BATCH_SIZE)).toBe(true);
  });

  it('cut at the row limit when the rows are light, the same way every time', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ordinary(i + 4));
    const limits = { rows: 100, bytes: DEFAULT_BATCH_BYTES };
    const batches = await cut(rows, limits);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect((await cut(rows, limits)).map((b) => b.map((r) => r.row))).toEqual(batches.map((b) => b.map((r) => r.row)));
  });

  it('skip a header-level report (no values), which is not a row to import', async () => {
    const header: ValidatedRow = { row: 2, values: {}, problems: [] };
    expect((await cut([header, ordinary(4)])).flat().map((r) => r.row)).toEqual([4]);
  });
});
