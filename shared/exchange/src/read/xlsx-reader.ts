import ExcelJS from 'exceljs';
import type { RawCell, RawRow } from './cell';
import { SpreadsheetFileError } from './file-error';

type ExcelValue = ExcelJS.CellValue | undefined;

/** A cell of exceljs's model as a plain value; formulas keep the result the spreadsheet stored. */
function rawCellOf(value: ExcelValue): RawCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return { value };
  if ('richText' in value) return { value: value.richText.map((run) => run.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelValue }).result;
    const computed =
      result !== undefined && result !== null && typeof result === 'object' && !(result instanceof Date)
        ? rawCellOf(result).value
        : (result ?? null);
    return { value: computed, formula: true };
  }
  if ('hyperlink' in value) return { value: typeof value.text === 'string' ? value.text : rawCellOf(value.text).value };
  if ('error' in value) return { value: String(value.error) };
  return { value: null };
}

/**
 * Rows of the first worksheet, streamed with exceljs's reader: shared strings are cached (they
 * are the workbook's dictionary) but rows are never kept, so memory does not grow with the sheet.
 */
export async function* readXlsxRows(path: string, maxColumns: number): AsyncGenerator<RawRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelValue[];
        const cells: RawCell[] = [];
        // row.values is 1-based, as the sheet's columns are.
        for (let column = 1; column < Math.min(values.length, maxColumns + 1); column++)
          cells.push(rawCellOf(values[column]));
        yield { rowNumber: row.number, cells };
      }
      return; // The first sheet is the list; others (instructions, lookups) are not data.
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw new SpreadsheetFileError(
      'CORRUPT_FILE',
      'Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx. Hãy mở bằng Excel và lưu lại.',
      'The workbook cannot be read: it is damaged or not an .xlsx file. Open it in Excel and save it again.',
    );
  }
}
