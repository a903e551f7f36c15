/**
 * Issue 19 item 5: files an import meets in practice. Each is real (written by exceljs, iconv-lite
 * or the file system), and each ends in a typed error with a Vietnamese and English message, or is
 * read correctly: never an exception of a library reaching the caller.
 */
import { mkdtemp, rm, truncate, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CADRE_COLUMNS } from '../columns';
import { buildTemplate } from '../template';
import { validateRows, type ValidatedRow } from '../validate';
import { openSpreadsheet } from './read-rows';
import { SpreadsheetFileError } from './file-error';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exchange-bad-input-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function validateFile(path: string): Promise<ValidatedRow[]> {
  const source = await openSpreadsheet(path);
  const rows: ValidatedRow[] = [];
  for await (const row of validateRows(CADRE_COLUMNS, source.rows)) rows.push(row);
  return rows;
}

async function fileErrorOf(path: string): Promise<SpreadsheetFileError> {
  try {
    await validateFile(path);
  } catch (error) {
    if (error instanceof SpreadsheetFileError) return error;
    throw error;
  }
  throw new Error('expected a SpreadsheetFileError');
}

const HEADER = 'STT;Số định danh cá nhân;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Đối tượng;Mã đơn vị';
const ROW = '1;001085000123;Nguyễn Văn Ân;Nam;15/03/1985;Thái;Công chức;DB-SNV';

it('reads a CSV with a UTF-8 byte-order mark and ";" delimiters (Excel’s "CSV UTF-8" in a Vietnamese locale)', async () => {
  const path = join(dir, 'bom.csv');
  await writeFile(
    path,
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n${ROW}\r\n`, 'utf8')]),
  );
  const source = await openSpreadsheet(path);
  expect(source.encoding).toBe('utf-8');
  const rows: ValidatedRow[] = [];
  for await (const row of validateRows(CADRE_COLUMNS, source.rows)) rows.push(row);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.problems).toEqual([]);
  expect(rows[0]?.values).toMatchObject({
    personalIdNumber: '001085000123',
    fullName: 'Nguyễn Văn Ân',
    sex: 'MALE',
    dateOfBirth: '1985-03-15',
    category: 'CIVIL_SERVANT',
  });
});

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Text as Windows-1258 holds it: letters with circumflex, breve or horn precomposed (â, ơ, ư …) but
 * the five tone marks as combining characters after them, which is how Windows converts Vietnamese
 * to that code page (it has no "ố", only "ô" and a combining acute).
 */
function windows1258Form(text: string): string {
  return text.normalize('NFD').replace(/(\P{M})(\p{M}+)/gu, (_, base: string, marks: string) => {
    const tones = marks.match(TONE_MARKS)?.join('') ?? '';
    return (base + marks.replace(TONE_MARKS, '')).normalize('NFC') + tones;
  });
}

it('reads a CSV in Windows-1258 (Excel’s plain "CSV" on a Vietnamese Windows) into NFC text, reporting the normalisation', async () => {
  const path = join(dir, 'cp1258.csv');
  await writeFile(path, iconv.encode(windows1258Form(`${HEADER}\r\n${ROW}\r\n`), 'windows-1258'));
  const source = await openSpreadsheet(path);
  expect(source.encoding).toBe('windows-1258');
  const rows: ValidatedRow[] = [];
  for await (const row of validateRows(CADRE_COLUMNS, source.rows)) rows.push(row);
  expect(rows[0]?.values.fullName).toBe('Nguyễn Văn Ân');
  expect(rows[0]?.values.fullName).toBe(String(rows[0]?.values.fullName).normalize('NFC'));
  expect(rows[0]?.problems.every((p) => p.severity === 'WARNING')).toBe(true);
});

it('refuses a damaged workbook (a ZIP cut in half) as CORRUPT_FILE', async () => {
  const path = join(dir, 'cut.xlsx');
  const whole = Buffer.from(await buildTemplate(CADRE_COLUMNS).xlsx.writeBuffer());
  await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
  const error = await fileErrorOf(path);
  expect(error.code).toBe('CORRUPT_FILE');
  expect(error.messageVi).toMatch(/tệp bị hỏng/);
});

it('refuses bytes that claim to be a ZIP but are not one as CORRUPT_FILE', async () => {
  const path = join(dir, 'garbage.xlsx');
  await writeFile(path, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 0x5a)]));
  expect((await fileErrorOf(path)).code).toBe('CORRUPT_FILE');
});

/**
 * Excel saves a password-protected .xlsx as an OLE compound file holding "EncryptionInfo" and
 * "EncryptedPackage" streams (MS-OFFCRYPTO). No tool here writes one, so this builds that container's
 * header and directory sector as the specification lays them out.
 */
function encryptedWorkbookContainer(): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24); // minor version
  file.writeUInt16LE(0x0003, 26); // major version 3
  file.writeUInt16LE(0xfffe, 28); // little-endian
  file.writeUInt16LE(9, 30); // 512-byte sectors
  file.writeUInt16LE(6, 32); // 64-byte mini sectors
  file.writeUInt32LE(1, 44); // one FAT sector
  file.writeUInt32LE(1, 48); // directory starts at sector 1
  file.writeUInt32LE(0x1000, 56);
  file.writeUInt32LE(0, 76); // the FAT is sector 0
  const directory = sector * 2; // sector 1 starts after the header
  ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, i) => {
    const entry = directory + i * 128;
    Buffer.from(`${name}\u0000`, 'utf16le').copy(file, entry);
    file.writeUInt16LE((name.length + 1) * 2, entry + 64);
    file.writeUInt8(i === 0 ? 5 : 2, entry + 66);
  });
  return file;
}

it('refuses a password-protected workbook as PASSWORD_PROTECTED, saying how to remove the password', async () => {
  const path = join(dir, 'protected.xlsx');
  await writeFile(path, encryptedWorkbookContainer());
  const error = await fileErrorOf(path);
  expect(error.code).toBe('PASSWORD_PROTECTED');
  expect(error.messageVi).toMatch(/mật khẩu/);
});

it('refuses a 100 MB file before reading it (FILE_TOO_LARGE)', async () => {
  const path = join(dir, 'huge.csv');
  await writeFile(path, `${HEADER}\n`);
  await truncate(path, 100 * 1024 * 1024);
  const error = await fileErrorOf(path);
  expect(error.code).toBe('FILE_TOO_LARGE');
  expect(error.messageEn).toMatch(/100 MB, over the 50 MB limit/);
});

it('refuses a binary file that is not a spreadsheet', async () => {
  const path = join(dir, 'photo.csv');
  await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  expect((await fileErrorOf(path)).code).toBe('UNSUPPORTED_TYPE');
});

it('refuses an empty file and a file without the template’s header', async () => {
  const empty = join(dir, 'empty.csv');
  await writeFile(empty, '');
  expect((await fileErrorOf(empty)).code).toBe('EMPTY_FILE');
  const noHeader = join(dir, 'no-header.csv');
  await writeFile(noHeader, 'a,b,c\n1,2,3\n');
  expect((await fileErrorOf(noHeader)).code).toBe('NO_HEADER');
});

it('names the missing required columns', async () => {
  const path = join(dir, 'missing.csv');
  await writeFile(path, 'Số định danh cá nhân,Họ và tên\n001085000123,An\n');
  const error = await fileErrorOf(path);
  expect(error.code).toBe('MISSING_COLUMNS');
  expect(error.messageVi).toContain('Ngày sinh');
});

it('streams past a sheet with 1,000,000 empty rows in bounded memory and reads the data among them', async () => {
  const path = join(dir, 'million-empty.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = writer.addWorksheet('Cán bộ');
  sheet.addRow(HEADER.split(';')).commit();
  sheet.addRow(ROW.split(';')).commit();
  // Formatted but empty rows: what a sheet formatted down to its last row holds.
  for (let n = 3; n < 1_000_003; n++) {
    const row = sheet.getRow(n);
    row.height = 15;
    row.commit();
  }
  sheet.commit();
  await writer.commit();
  const before = process.memoryUsage().heapUsed;
  const rows = await validateFile(path);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.values.personalIdNumber).toBe('001085000123');
  // Streaming: the heap does not hold a million rows (each would cost far more than 100 bytes).
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1_000_000);
}, 120_000);

it('reports every problem of every cell at once, in both languages, on a workbook made from the template', async () => {
  const workbook = buildTemplate(CADRE_COLUMNS);
  const sheet = workbook.getWorksheet(CADRE_COLUMNS.sheetName) as ExcelJS.Worksheet;
  const at = (key: string) => CADRE_COLUMNS.columns.findIndex((c) => c.key === key) + 1;
  const put = (row: number, values: Record<string, ExcelJS.CellValue>) => {
    for (const [key, value] of Object.entries(values)) sheet.getCell(row, at(key)).value = value;
  };
  const good = {
    personalIdNumber: '001085000123',
    fullName: 'Nguyễn Văn Ân',
    sex: 'Nam',
    dateOfBirth: '15/03/1985',
    ethnicity: 'Thái',
    category: 'Công chức',
    orgUnitCode: 'DB-SNV',
  };
  put(4, { ...good, fullName: 'Nguyễn Văn Ân'.normalize('NFD'), personalIdNumber: 1085000123 });
  put(5, { ...good, personalIdNumber: '12345', sex: 'Nan', dateOfBirth: '31/02/1985', category: 'Cong chuc' });
  put(6, {
    ...good,
    rowNumber: { formula: 'ROW()-3', result: 3 },
    dateOfBirth: { formula: 'DATE(1985,3,15)' },
  });
  const path = join(dir, 'problems.xlsx');
  await workbook.xlsx.writeFile(path);

  const rows = await validateFile(path);
  expect(rows.map((r) => r.row)).toEqual([4, 5, 6]);
  const codes = (row: ValidatedRow | undefined) => row?.problems.map((p) => `${p.key ?? '-'}:${p.code}`).sort();

  expect(rows[0]?.values).toMatchObject({ fullName: 'Nguyễn Văn Ân', personalIdNumber: '001085000123' });
  expect(codes(rows[0])).toEqual(['fullName:NORMALISED', 'personalIdNumber:LEADING_ZEROS_RESTORED']);
  expect(rows[0]?.problems.every((p) => p.severity === 'WARNING')).toBe(true);

  expect(codes(rows[1])).toEqual([
    'dateOfBirth:INVALID_DATE',
    'personalIdNumber:INVALID_PERSONAL_ID',
    'sex:UNKNOWN_VALUE',
  ]);
  expect(rows[1]?.values.category).toBe('CIVIL_SERVANT'); // typed without diacritics: still the label
  const sex = rows[1]?.problems.find((p) => p.key === 'sex');
  expect(sex).toMatchObject({
    column: 'Giới tính',
    value: 'Nan',
    suggestion: 'Nam',
    messageVi: 'Giá trị không có trong danh mục.',
  });

  // Row 6: same personal ID as row 4 → duplicate; a formula with a stored result is used, one without is an error.
  expect(codes(rows[2])).toEqual(['-:DUPLICATE_IN_FILE', 'dateOfBirth:FORMULA_WITHOUT_RESULT'].sort());
  expect(rows[2]?.problems.find((p) => p.code === 'DUPLICATE_IN_FILE')?.messageEn).toBe(
    'Duplicates row 4 of the file.',
  );
});

it('writes a template that reads back as a header with no rows and no problems', async () => {
  const path = join(dir, 'template.xlsx');
  await buildTemplate(CADRE_COLUMNS).xlsx.writeFile(path);
  expect((await readFile(path)).subarray(0, 2).toString()).toBe('PK');
  expect(await validateFile(path)).toEqual([]);
});
