/**
 * One column of an exchange spreadsheet. The same definition drives the import template, the import
 * validator and the export, so a file the platform writes reads back unchanged.
 */
export type ColumnType =
  /** free text, stored NFC-normalised */
  | 'text'
  /** a calendar date: written dd/mm/yyyy (as officials type it), read from dd/mm/yyyy, yyyy-mm-dd or a date cell */
  | 'date'
  /** one of `values`: written as its Vietnamese label, read from the label or the API value */
  | 'enum'
  | 'integer'
  /** the 12-digit personal identification number; written as text so a spreadsheet keeps leading zeros */
  | 'personalId'
  /** a reference's code (org unit, title, class, term), resolved by the owning subgraph */
  | 'code';

export interface ColumnDefinition {
  /** English key: the API's field name where there is one. */
  readonly key: string;
  /** The header as officials write it. */
  readonly header: string;
  /** English header, for the bilingual template's second line and the report. */
  readonly headerEn: string;
  /** Other spellings of the header seen in the province's files (matched without diacritics or case). */
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  readonly required: boolean;
  /** For `enum`: API value → Vietnamese label, in the order the template's drop-down lists them. */
  readonly values?: Readonly<Record<string, string>>;
  /** Shown in the template's note on the header cell. */
  readonly hint?: string;
  /** Column width in characters in the template and the export. */
  readonly width: number;
}

export type ImportKindName = 'cadres' | 'career-events' | 'class-rosters' | 'planning-lists';

export interface KindDefinition {
  readonly kind: ImportKindName;
  /** The sheet's name in the template and the export. */
  readonly sheetName: string;
  /** The template's title line (Vietnamese), above the header. */
  readonly title: string;
  readonly titleEn: string;
  /** Keys that identify a row: a second row with the same values is a duplicate, an existing one is updated or left. */
  readonly naturalKey: readonly string[];
  readonly columns: readonly ColumnDefinition[];
}

/** "STT" (số thứ tự, the row number) heads the first column of every official list: written on export, ignored on import. */
export const ROW_NUMBER_COLUMN: ColumnDefinition = {
  key: 'rowNumber',
  header: 'STT',
  headerEn: 'No.',
  type: 'integer',
  required: false,
  width: 6,
};
