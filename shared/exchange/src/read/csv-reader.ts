import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { RawRow } from './cell';
import { SpreadsheetFileError } from './file-error';

/** A field longer than this is an unclosed quote swallowing the file, not data. */
const MAX_FIELD_CHARS = 32 * 1024;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface CsvSource {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/**
 * The encoding of a CSV file. Excel on a Vietnamese Windows saves "CSV" in Windows-1258 (with tone
 * marks as combining characters) and "CSV UTF-8" with a BOM; other tools write UTF-8 without one.
 * A BOM decides; otherwise the first 64 KB that are not valid UTF-8 mean Windows-1258.
 */
export async function detectCsvEncoding(path: string): Promise<CsvSource> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
    try {
      // stream: true lets a character cut by the 64 KB boundary pass; fatal makes any invalid byte throw.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      return { encoding: 'utf-8', bomLength: 0 };
    } catch {
      return { encoding: 'windows-1258', bomLength: 0 };
    }
  } finally {
    await handle.close();
  }
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of the header line: Excel in a Vietnamese locale writes ";" (the decimal separator is ","). */
function delimiterOf(firstLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === delimiter) count++;
    }
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/**
 * Rows of a CSV file, streamed (RFC 4180: quoted fields may hold delimiters, quotes doubled and line
 * breaks). Memory holds one row at a time, whatever the file's size.
 */
export async function* readCsvRows(path: string, source: CsvSource, maxColumns: number): AsyncGenerator<RawRow> {
  const decoded = createReadStream(path, { start: source.bomLength, highWaterMark: 256 * 1024 }).pipe(
    iconv.decodeStream(source.encoding),
  );
  let delimiter: string | undefined;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let rowNumber = 1;
  let pendingCR = false;
  const endRow = (): RawRow => {
    fields.push(field);
    const row: RawRow = { rowNumber, cells: fields.slice(0, maxColumns).map((value) => ({ value })) };
    field = '';
    fields = [];
    rowNumber++;
    return row;
  };
  for await (const chunk of decoded as AsyncIterable<string>) {
    if (delimiter === undefined) delimiter = delimiterOf(chunk.split(/\r?\n/, 1)[0] ?? '');
    for (let i = 0; i < chunk.length; i++) {
      const char = chunk[i];
      if (pendingCR) {
        pendingCR = false;
        if (char === '\n') continue;
      }
      if (quoted) {
        if (char === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          field += char;
          if (field.length > MAX_FIELD_CHARS) {
            throw new SpreadsheetFileError(
              'CORRUPT_FILE',
              `Dấu ngoặc kép mở ở dòng ${rowNumber} không được đóng.`,
              `A quotation mark opened on line ${rowNumber} is never closed.`,
            );
          }
        }
        continue;
      }
      if (char === '"') {
        // A doubled quote inside a quoted field is one quote character.
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (char === delimiter) {
        fields.push(field);
        field = '';
      } else if (char === '\n' || char === '\r') {
        pendingCR = char === '\r';
        yield endRow();
      } else field += char;
    }
  }
  if (field !== '' || fields.length) yield endRow();
}
