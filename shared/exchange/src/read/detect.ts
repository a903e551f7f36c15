import { open } from 'node:fs/promises';
import { SpreadsheetFileError } from './file-error';

export type FileFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The OLE compound file: Excel 97–2003 workbooks, and the wrapper Excel puts round an encrypted (password-protected) .xlsx. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_STREAM = Buffer.from('EncryptionInfo', 'utf16le');

/**
 * The format of a file from its first bytes, not its name (a renamed file is common): a ZIP is an
 * XLSX workbook; an OLE container holding an "EncryptionInfo" stream is a password-protected
 * workbook; any other OLE container an old .xls; anything else is read as CSV text.
 */
export async function detectFormat(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    if (bytesRead === 0) throw new SpreadsheetFileError('EMPTY_FILE', 'Tệp rỗng.', 'The file is empty.');
    if (start.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
    if (start.subarray(0, 8).equals(CFB_MAGIC)) {
      if (start.includes(ENCRYPTION_STREAM)) {
        throw new SpreadsheetFileError(
          'PASSWORD_PROTECTED',
          'Tệp Excel được đặt mật khẩu: hãy gỡ mật khẩu (File › Info › Protect Workbook) rồi tải lại.',
          'The workbook is password-protected: remove the password (File › Info › Protect Workbook) and upload it again.',
        );
      }
      throw new SpreadsheetFileError(
        'LEGACY_XLS',
        'Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy lưu lại dưới dạng .xlsx hoặc .csv.',
        'Excel 97–2003 workbooks (.xls) are not supported: save it as .xlsx or .csv.',
      );
    }
    if (start.includes(0) && !isUtf16(start)) {
      throw new SpreadsheetFileError(
        'UNSUPPORTED_TYPE',
        'Tệp không phải bảng tính XLSX hay CSV.',
        'The file is neither an XLSX workbook nor CSV text.',
      );
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

function isUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
