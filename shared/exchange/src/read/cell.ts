/** One cell as read, before the column's type is applied. */
export interface RawCell {
  value: string | number | boolean | Date | null;
  /** The cell held a formula: `value` is the result the spreadsheet stored, if any. */
  formula?: boolean;
}

export interface RawRow {
  /** The row's number in the sheet (1-based, as the spreadsheet shows it). */
  rowNumber: number;
  cells: RawCell[];
}

export function isEmptyRow(row: RawRow): boolean {
  return row.cells.every((cell) => cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === ''));
}
