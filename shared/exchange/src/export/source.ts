import type { ExportColumn } from './table';

export type Variables = Record<string, unknown>;

/**
 * What an export reads and how it pages: a GraphQL operation the gateway runs as the caller (so
 * the caller's scope, fields and audit hold), the rows each answer gives, and the variables of the
 * next page (none: done).
 */
export interface ExportSource<Row> {
  /** File name without extension, e.g. `danh-sach-can-bo`. */
  fileName: string;
  sheetName: string;
  query: string;
  variables: Variables;
  columns: readonly ExportColumn<Row>[];
  rows(data: unknown): Row[];
  nextPage?(data: unknown, variables: Variables): Variables | null;
}

/** A caller's question about a sensitive scope (core's `hasScope`, asked by the gateway). */
export type ScopeCheck = (scope: string) => boolean;

/** A refused export parameter: the gateway answers 400 BAD_USER_INPUT naming it. */
export class ExportParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export function intParameter(
  params: Record<string, string | undefined>,
  name: string,
  required = false,
): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ExportParameterError(name, `"${name}" is required.`);
    return undefined;
  }
  if (!/^-?\d{1,9}$/.test(raw)) throw new ExportParameterError(name, `"${name}" must be a whole number.`);
  return Number(raw);
}

export function booleanParameter(params: Record<string, string | undefined>, name: string): boolean | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ExportParameterError(name, `"${name}" must be true or false.`);
}

export function dateParameter(
  params: Record<string, string | undefined>,
  name: string,
  required = false,
): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ExportParameterError(name, `"${name}" is required (yyyy-mm-dd).`);
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)))
    throw new ExportParameterError(name, `"${name}" must be a date written yyyy-mm-dd.`);
  return raw;
}

export function stringParameter(
  params: Record<string, string | undefined>,
  name: string,
  required = false,
): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ExportParameterError(name, `"${name}" is required.`);
    return undefined;
  }
  if (raw.length > 200 || [...raw].some((ch) => ch.charCodeAt(0) < 0x20))
    throw new ExportParameterError(name, `"${name}" is too long or holds a control character.`);
  return raw;
}

/** Leaves out undefined entries, so GraphQL sees absent arguments rather than nulls. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
