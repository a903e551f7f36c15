import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
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

/** Bytes at the end of `chunk` that begin a UTF-8 character the chunk does not finish. */
export function unfinishedCharacterBytes(chunk: Buffer): number {
  // A character is at most 4 bytes: look back over the last 3 for the lead byte of the last one.
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk.readUInt8(chunk.length - back);
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead byte is further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** The same bytes, re-cut so that no chunk ends inside a character. */
export async function* wholeCharacters(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carried: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const bytes = carried.length ? Buffer.concat([carried, buffer]) : buffer;
    const cut = bytes.length - unfinishedCharacterBytes(bytes);
    carried = bytes.subarray(cut);
    if (cut) yield bytes.subarray(0, cut);
  }
  if (carried.length) yield carried;
}

interface WorkbookReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

/**
 * exceljs 4.4.0's streaming reader decodes each chunk of a part's XML on its own
 * (utils/parse-sax.js: `TextDecoder.decode(chunk)`, not streaming), so a Vietnamese letter whose
 * UTF-8 bytes straddle two chunks came out as U+FFFD: in a 30,000-row sheet, a cell every few
 * thousand rows, reported as INVALID_CHARACTERS and blocking the import. This reader hands the
 * worksheets and the shared strings (where Excel keeps the text) to exceljs re-cut on character
 * boundaries; everything else is exceljs's own.
 */
class WholeCharacterWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): unknown {
    const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;
    return parent._parseWorksheet.call(this, wholeCharacters(iterator), sheetNo);
  }

  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown {
    const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;
    return parent._parseSharedStrings.call(
      this,
      Readable.from(wholeCharacters(entry as unknown as AsyncIterable<Buffer>)),
    );
  }
}

/**
 * Rows of the first worksheet, streamed with exceljs's reader: shared strings are cached (they
 * are the workbook's dictionary) but rows are never kept, so memory does not grow with the sheet.
 */
export async function* readXlsxRows(path: string, maxColumns: number): AsyncGenerator<RawRow> {
  const workbook = new WholeCharacterWorkbookReader(path, {
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
