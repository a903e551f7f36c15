import type { ColumnDefinition, KindDefinition } from '../columns';
import { SpreadsheetFileError, type RawRow } from '../read';
import { parseCell, type ImportValue } from './cell-values';
import { problem, type RowProblem } from './problem';
import { textKey } from './text-key';

export interface ValidatedRow {
  row: number;
  values: Record<string, ImportValue>;
  problems: RowProblem[];
}

/** Where each of the kind's columns sits in the file, found by its header (or an alias, or the English header). */
interface HeaderMap {
  headerRow: number;
  positions: { column: ColumnDefinition; index: number; header: string }[];
  unknown: { index: number; header: string }[];
}

/** Rows above the header that may hold titles ("DANH SÁCH …", the unit, the date). */
const HEADER_SEARCH_ROWS = 10;

function headerNames(column: ColumnDefinition): string[] {
  return [column.header, column.headerEn, column.key, ...(column.aliases ?? [])].map(textKey);
}

function matchHeader(kind: KindDefinition, row: RawRow): HeaderMap {
  const positions: HeaderMap['positions'] = [];
  const unknown: HeaderMap['unknown'] = [];
  row.cells.forEach((cell, index) => {
    if (cell.value === null || String(cell.value).trim() === '') return;
    const header = String(cell.value).trim();
    const column = kind.columns.find((c) => headerNames(c).includes(textKey(header)));
    if (column && !positions.some((p) => p.column === column)) positions.push({ column, index, header });
    else unknown.push({ index, header });
  });
  return { headerRow: row.rowNumber, positions, unknown };
}

function isEnglishHeaderRow(kind: KindDefinition, row: RawRow): boolean {
  const english = new Set(kind.columns.map((c) => textKey(c.headerEn)));
  return row.cells.filter((cell) => cell.value !== null && english.has(textKey(String(cell.value)))).length >= 2;
}

/**
 * Validates a spreadsheet's rows for one kind, streaming: finds the header (below any title lines),
 * reads each row by its columns' types, and reports every problem of every cell at once, with the
 * within-file duplicates by the kind's natural key. Rows with errors are yielded too (with their
 * problems) so that the report names them all; the import sends only a file with none.
 */
export async function* validateRows(kind: KindDefinition, rows: AsyncIterable<RawRow>): AsyncGenerator<ValidatedRow> {
  let header: HeaderMap | undefined;
  let checkEnglishRow = false;
  let seenRows = 0;
  const firstRowByKey = new Map<string, number>();
  for await (const row of rows) {
    if (!header) {
      const candidate = matchHeader(kind, row);
      if (candidate.positions.length >= 2) {
        header = candidate;
        checkEnglishRow = true;
        const missing = kind.columns.filter((c) => c.required && !candidate.positions.some((p) => p.column === c));
        if (missing.length) {
          const names = missing.map((c) => c.header).join(', ');
          const namesEn = missing.map((c) => c.headerEn).join(', ');
          throw new SpreadsheetFileError(
            'MISSING_COLUMNS',
            `Thiếu cột bắt buộc: ${names}.`,
            `Required columns are missing: ${namesEn}.`,
          );
        }
        const unknownProblems = candidate.unknown.map((u) =>
          problem(row.rowNumber, null, u.header, 'UNKNOWN_COLUMN', { value: u.header }),
        );
        if (unknownProblems.length) yield { row: row.rowNumber, values: {}, problems: unknownProblems };
      } else if (++seenRows >= HEADER_SEARCH_ROWS) {
        break;
      }
      continue;
    }
    if (checkEnglishRow) {
      checkEnglishRow = false;
      // The template's second header line (English) is not data.
      if (isEnglishHeaderRow(kind, row)) continue;
    }
    const values: Record<string, ImportValue> = {};
    const problems: RowProblem[] = [];
    for (const column of kind.columns) {
      if (column.key === 'rowNumber') continue;
      const position = header.positions.find((p) => p.column === column);
      // A column the file does not have is left out, so the import leaves that field as it is.
      if (!position) continue;
      const parsed = parseCell(column, row.cells[position.index]);
      values[column.key] = parsed.value;
      const raw = row.cells[position.index]?.value ?? null;
      for (const found of parsed.problems) {
        problems.push(
          problem(row.rowNumber, column.key, position.header, found.code, {
            ...(raw !== null && raw !== undefined
              ? { value: raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw) }
              : {}),
            ...(found.suggestion ? { suggestion: found.suggestion } : {}),
          }),
        );
      }
    }
    const naturalKey = kind.naturalKey.map((key) => values[key] ?? '').join('\u0000');
    // A key's optional part may be empty (a planning row's unit); a missing required one is REQUIRED, not a duplicate.
    if (kind.naturalKey.every((key) => values[key] != null || !kind.columns.find((c) => c.key === key)?.required)) {
      const first = firstRowByKey.get(naturalKey);
      if (first !== undefined) {
        problems.push({
          ...problem(row.rowNumber, null, null, 'DUPLICATE_IN_FILE'),
          messageVi: `Trùng với dòng ${first} trong tệp.`,
          messageEn: `Duplicates row ${first} of the file.`,
        });
      } else firstRowByKey.set(naturalKey, row.rowNumber);
    }
    yield { row: row.rowNumber, values, problems };
  }
  if (!header) {
    throw new SpreadsheetFileError(
      'NO_HEADER',
      `Không tìm thấy dòng tiêu đề của mẫu "${kind.title}" trong ${HEADER_SEARCH_ROWS} dòng đầu.`,
      `No header row of the "${kind.titleEn}" template in the first ${HEADER_SEARCH_ROWS} rows.`,
    );
  }
}
