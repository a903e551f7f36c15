import { Scope } from '@cadres/core';
import type { ColumnDefinition, KindDefinition } from '../columns/column';
import { cellText, type RowValues } from '../write-rows';
import type { ScopeCheck } from './source';
import type { ExportColumn } from './table';

/** A row of an export in a kind's import layout: the template's keys, the API's values, STT numbered. */
export type KindRow = RowValues & { rowNumber: number };

/**
 * The sensitive columns of the import templates, by key, and the scope each needs: the policy of
 * the field the column is read from (personnel's ID number, religion and Party dates, planning's
 * removal reason). A caller without the scope gets no such column, and its export does not ask for
 * the field.
 */
export const TEMPLATE_COLUMN_SCOPES: Readonly<Record<string, readonly string[]>> = {
  personalIdNumber: [Scope.PERSONAL_ID],
  religion: [Scope.PERSONAL_ID],
  partyAdmissionDate: [Scope.PARTY],
  partyOfficialDate: [Scope.PARTY],
  removalReason: [Scope.DISCIPLINE, Scope.EVALUATION],
};

export function columnReadable(column: ColumnDefinition, canRead: ScopeCheck): boolean {
  return (TEMPLATE_COLUMN_SCOPES[column.key] ?? []).every(canRead);
}

/**
 * A kind's import template as export columns: its headers, in its order, each value written as the
 * import reads it back (enum labels, dd/mm/yyyy), so an exported file imports unchanged. Only the
 * columns the caller may read, less those left out by key.
 */
export function kindExportColumns(
  kind: KindDefinition,
  canRead: ScopeCheck,
  leftOut: readonly string[] = [],
): ExportColumn<KindRow>[] {
  return kind.columns
    .filter((column) => columnReadable(column, canRead) && !leftOut.includes(column.key))
    .map((column) => ({
      header: column.header,
      width: column.width,
      value: (row: KindRow) => (column.key === 'rowNumber' ? row.rowNumber : cellText(column, row[column.key])),
    }));
}

/** Numbers rows on from the rows already written (STT runs through the whole file, page after page). */
export function rowNumberer(): (rows: RowValues[]) => KindRow[] {
  let written = 0;
  return (rows) => rows.map((row) => ({ ...row, rowNumber: ++written }));
}
