import ExcelJS from 'exceljs';
import type { ColumnDefinition, KindDefinition } from './columns';

export type RowValues = Record<string, string | number | null | undefined>;

/** A value in the API's form as officials write it: enum labels, dates dd/mm/yyyy. */
export function cellText(column: ColumnDefinition, value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.type === 'enum') return column.values?.[String(value)] ?? String(value);
  if (column.type === 'date') {
    const [year, month, day] = String(value).split('-');
    return `${day}/${month}/${year}`;
  }
  return value;
}

/**
 * Writes rows in the template's layout (title, Vietnamese header, English header, then one row per
 * record with STT numbered), streaming, so that a file of any length costs constant memory: what
 * the import reads back column for column.
 */
export async function writeRowsXlsx(
  kind: KindDefinition,
  rows: Iterable<RowValues> | AsyncIterable<RowValues>,
  path: string,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(kind.sheetName, { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = kind.columns.map((column) => ({ key: column.key, width: column.width }));
  sheet.addRow([kind.title]).commit();
  sheet.addRow(kind.columns.map((c) => c.header)).commit();
  sheet.addRow(kind.columns.map((c) => c.headerEn)).commit();
  let count = 0;
  for await (const row of rows) {
    count++;
    sheet
      .addRow(kind.columns.map((column) => (column.key === 'rowNumber' ? count : cellText(column, row[column.key]))))
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** The same rows as CSV (UTF-8 with a BOM, so Excel opens Vietnamese correctly; ',' delimiters; CRLF). */
export function rowsToCsv(kind: KindDefinition, rows: RowValues[]): string {
  const quote = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [kind.columns.map((c) => quote(c.header)).join(',')];
  rows.forEach((row, i) =>
    lines.push(kind.columns.map((c) => quote(c.key === 'rowNumber' ? i + 1 : cellText(c, row[c.key]))).join(',')),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
