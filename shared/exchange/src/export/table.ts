import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

/** One column of an exported table: the header officials read, and how a row gives its cell. */
export interface ExportColumn<Row> {
  /** Vietnamese header, as in the import template (so an exported list imports back). */
  header: string;
  value(row: Row): string | number | boolean | null | undefined;
  /** Excel column width in characters. */
  width?: number;
}

export type TableFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Writes rows to a spreadsheet as they arrive, page by page; nothing holds the whole list. */
export interface TableWriter<Row> {
  write(rows: readonly Row[]): Promise<void>;
  end(): Promise<void>;
}

/**
 * A table written as it is read: CSV is encoded row by row, XLSX through exceljs's streaming
 * writer, which commits each row to the zip stream, so memory stays bounded whatever the list.
 */
export function tableWriter<Row>(
  format: TableFormat,
  columns: readonly ExportColumn<Row>[],
  out: Writable,
  sheetName = 'Danh sách',
): TableWriter<Row> {
  return format === 'csv' ? csvWriter(columns, out) : xlsxWriter(columns, out, sheetName);
}

/**
 * CSV as Excel opens it with Vietnamese intact: UTF-8 with a byte-order mark (without one, Excel
 * reads UTF-8 as the ANSI code page and "Nguyễn" becomes "Nguyá»…n"), CRLF line ends (RFC 4180),
 * every field that holds a comma, quote or line break quoted.
 */
function csvWriter<Row>(columns: readonly ExportColumn<Row>[], out: Writable): TableWriter<Row> {
  const send = (text: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(text, 'utf8', (error) => (error ? reject(error) : resolve()));
    });
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await send('\uFEFF' + columns.map((c) => csvField(c.header)).join(',') + '\r\n');
  };
  return {
    async write(rows) {
      await start();
      if (rows.length)
        await send(rows.map((row) => columns.map((c) => csvField(c.value(row))).join(',') + '\r\n').join(''));
    },
    async end() {
      await start();
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would be read by Excel as a formula (CSV injection): quoted and prefixed
  // with an apostrophe, which Excel shows as text. Numbers are written as they are.
  const guarded = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function xlsxWriter<Row>(columns: readonly ExportColumn<Row>[], out: Writable, sheetName: string): TableWriter<Row> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // A fixed creation date: the same data gives the same workbook (the round-trip test compares files).
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  workbook.creator = 'cadres platform';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(12, Math.min(40, c.header.length + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    async write(rows) {
      for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? null)).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
