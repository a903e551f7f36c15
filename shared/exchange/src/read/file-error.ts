/** Why a whole file cannot be read: each a clear message in Vietnamese and English, never a stack trace. */
export type FileErrorCode =
  | 'FILE_TOO_LARGE'
  | 'EMPTY_FILE'
  | 'CORRUPT_FILE'
  | 'PASSWORD_PROTECTED'
  | 'LEGACY_XLS'
  | 'UNSUPPORTED_TYPE'
  | 'UNKNOWN_ENCODING'
  | 'NO_HEADER'
  | 'MISSING_COLUMNS'
  | 'TOO_MANY_ROWS';

export class SpreadsheetFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(`${code}: ${messageEn}`);
    this.name = 'SpreadsheetFileError';
  }
}
