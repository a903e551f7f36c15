import type { ColumnDefinition } from '../columns';
import type { RawCell } from '../read';
import { nearestMatch, textKey } from './text-key';

export type ImportValue = string | number | null;

/** A cell read as its column's type: the value in the API's form, and the problem codes met on the way. */
export interface ParsedCell {
  value: ImportValue;
  problems: { code: string; suggestion?: string }[];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** Dates as officials type them (dd/mm/yyyy, with / - or .), as ISO, as a date cell or an Excel serial number. */
export function parseDate(value: RawCell['value']): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2958465) return null;
    return new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(value).trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (ymd) return isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  return null;
}

/** Text as the API stores it (NFC, trimmed, single spaces); a decomposed or mixed original is reported. */
function parseText(raw: string): ParsedCell {
  const problems: ParsedCell['problems'] = [];
  if (raw.includes('\uFFFD')) problems.push({ code: 'INVALID_CHARACTERS' });
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (raw !== raw.normalize('NFC')) problems.push({ code: 'NORMALISED' });
  return { value: value === '' ? null : value, problems };
}

function textOf(value: RawCell['value']): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function parseCell(column: ColumnDefinition, cell: RawCell | undefined): ParsedCell {
  const raw = cell?.value ?? null;
  const problems: ParsedCell['problems'] = [];
  if (cell?.formula) problems.push({ code: raw === null ? 'FORMULA_WITHOUT_RESULT' : 'FORMULA_RESULT_USED' });
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (column.required && !cell?.formula) problems.push({ code: 'REQUIRED' });
    return { value: null, problems };
  }
  switch (column.type) {
    case 'text':
    case 'code': {
      const text = parseText(textOf(raw));
      return { value: text.value, problems: [...problems, ...text.problems] };
    }
    case 'date': {
      const date = parseDate(raw);
      if (date === null) problems.push({ code: 'INVALID_DATE' });
      return { value: date, problems };
    }
    case 'integer': {
      const number = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(textOf(raw)) ? Number(textOf(raw)) : NaN;
      if (!Number.isInteger(number)) return { value: null, problems: [...problems, { code: 'INVALID_NUMBER' }] };
      return { value: number, problems };
    }
    case 'personalId': {
      // Spreadsheets turn a column of digits into numbers and drop the province code's leading zeros.
      if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 1e12) {
        const padded = String(raw).padStart(12, '0');
        if (padded !== String(raw)) problems.push({ code: 'LEADING_ZEROS_RESTORED' });
        return { value: padded, problems };
      }
      const digits = textOf(raw).replace(/[\s.]/g, '');
      if (!/^\d{12}$/.test(digits)) return { value: digits, problems: [...problems, { code: 'INVALID_PERSONAL_ID' }] };
      return { value: digits, problems };
    }
    case 'enum': {
      const text = parseText(textOf(raw));
      problems.push(...text.problems);
      const values = column.values ?? {};
      const key = textKey(String(text.value));
      const found = Object.entries(values).find(([api, label]) => textKey(label) === key || textKey(api) === key);
      if (found) return { value: found[0], problems };
      problems.push({ code: 'UNKNOWN_VALUE', suggestion: nearestMatch(String(text.value), Object.values(values)) });
      return { value: null, problems };
    }
  }
}
