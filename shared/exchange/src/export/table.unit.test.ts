import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { csvField, tableWriter, type ExportColumn } from './table';

interface Row {
  name: string;
  count: number | null;
}
const columns: ExportColumn<Row>[] = [
  { header: 'Họ và tên', value: (r) => r.name },
  { header: 'Số lượng', value: (r) => r.count },
];

async function written(format: 'csv' | 'xlsx', pages: Row[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = tableWriter(format, columns, out);
  for (const page of pages) await writer.write(page);
  await writer.end();
  return Buffer.concat(chunks);
}

describe('exported tables', () => {
  it('CSV: a BOM, CRLF, quoting, and no cell Excel would run as a formula', async () => {
    const csv = await written('csv', [
      [{ name: 'Nguyễn Văn An', count: 3 }],
      [
        { name: 'Lò, "Minh"', count: null },
        { name: '=HYPERLINK("x")', count: -1 },
      ],
    ]);
    expect(csv.toString('utf8')).toBe(
      '\uFEFFHọ và tên,Số lượng\r\nNguyễn Văn An,3\r\n"Lò, ""Minh""",\r\n"\'=HYPERLINK(""x"")",-1\r\n',
    );
    expect(csvField('-5')).toBe(`"'-5"`);
    expect(csvField(-5)).toBe('-5');
  });

  it('CSV of no rows is the header alone', async () => {
    expect((await written('csv', [])).toString('utf8')).toBe('\uFEFFHọ và tên,Số lượng\r\n');
  });

  it('XLSX written page by page reads back cell for cell, Vietnamese intact', async () => {
    const xlsx = await written('xlsx', [
      [{ name: 'Nguyễn Thị Ánh', count: 1 }],
      [{ name: 'Lò Văn Minh', count: null }],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([['Họ và tên', 'Số lượng'], ['Nguyễn Thị Ánh', 1], ['Lò Văn Minh']]);
  });
});
