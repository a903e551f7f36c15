import { must } from '@cadres/core';
import ExcelJS from 'exceljs';

/** A workbook's first sheet as text cells, row by row (a zip's entries carry write times, so workbooks are compared by cells). */
export async function xlsxRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  must(workbook.worksheets[0], 'a workbook has a sheet').eachRow((row) =>
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date
              ? String(v)
              : JSON.stringify(v),
        ),
    ),
  );
  return rows;
}
