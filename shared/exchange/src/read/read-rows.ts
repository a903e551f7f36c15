import { stat } from 'node:fs/promises';
import { isEmptyRow, type RawRow } from './cell';
import { detectCsvEncoding, readCsvRows, type CsvEncoding } from './csv-reader';
import { detectFormat, type FileFormat } from './detect';
import { SpreadsheetFileError } from './file-error';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits';
import { readXlsxRows } from './xlsx-reader';

export interface SpreadsheetSource {
  format: FileFormat;
  /** For CSV: the encoding detected. */
  encoding?: CsvEncoding;
  bytes: number;
  /** Rows with data, the header included (empty rows are skipped, not counted). */
  rows: AsyncGenerator<RawRow>;
}

/** Opens a spreadsheet for streaming: checks its size and format first, then yields the rows that hold data. */
export async function openSpreadsheet(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SpreadsheetSource> {
  const { size } = await stat(path);
  if (size > limits.maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    throw new SpreadsheetFileError(
      'FILE_TOO_LARGE',
      `Tệp ${mb(size)} MB vượt giới hạn ${mb(limits.maxFileBytes)} MB: hãy chia thành nhiều tệp.`,
      `The file is ${mb(size)} MB, over the ${mb(limits.maxFileBytes)} MB limit: split it into several files.`,
    );
  }
  const format = await detectFormat(path);
  if (format === 'xlsx') return { format, bytes: size, rows: nonEmpty(readXlsxRows(path, limits.maxColumns), limits) };
  const source = await detectCsvEncoding(path);
  return {
    format,
    encoding: source.encoding,
    bytes: size,
    rows: nonEmpty(readCsvRows(path, source, limits.maxColumns), limits),
  };
}

async function* nonEmpty(rows: AsyncGenerator<RawRow>, limits: ReadLimits): AsyncGenerator<RawRow> {
  let count = 0;
  for await (const row of rows) {
    // A sheet formatted down to row 1,048,576 streams its empty rows past here, one at a time.
    if (isEmptyRow(row)) continue;
    if (++count > limits.maxDataRows + 1) {
      throw new SpreadsheetFileError(
        'TOO_MANY_ROWS',
        `Tệp có hơn ${limits.maxDataRows} dòng dữ liệu: hãy chia thành nhiều tệp.`,
        `The file has more than ${limits.maxDataRows} data rows: split it into several files.`,
      );
    }
    yield row;
  }
}
