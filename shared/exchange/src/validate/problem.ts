/** One problem of one cell (or of a whole row when `key` is null), in both languages. */
export interface RowProblem {
  /** The row's number as the spreadsheet shows it. */
  row: number;
  /** The column's English key, null for the whole row. */
  key: string | null;
  /** The column's header as written in the file (or the template's when the column is missing). */
  column: string | null;
  code: string;
  severity: 'ERROR' | 'WARNING';
  messageVi: string;
  messageEn: string;
  /** The value as read, for the report. */
  value?: string;
  /** The likely intended value ("did you mean"). */
  suggestion?: string;
}

type Messages = { vi: string; en: string; severity?: 'WARNING' };

/**
 * Every problem code the import reports, in Vietnamese and English: the reader's own and the API's
 * (InputProblem reasons and refusal codes of the services the import runs). A code not listed keeps
 * the API's English message for both.
 */
export const PROBLEM_MESSAGES: Record<string, Messages> = {
  REQUIRED: { vi: 'Thiếu giá trị bắt buộc.', en: 'A value is required.' },
  INVALID_DATE: { vi: 'Ngày không hợp lệ (ghi dd/mm/yyyy).', en: 'Not a valid date (write dd/mm/yyyy).' },
  INVALID_NUMBER: { vi: 'Không phải số nguyên.', en: 'Not a whole number.' },
  UNKNOWN_VALUE: { vi: 'Giá trị không có trong danh mục.', en: 'Not one of the allowed values.' },
  INVALID_PERSONAL_ID: {
    vi: 'Số định danh cá nhân phải có đúng 12 chữ số.',
    en: 'A personal ID number has exactly 12 digits.',
  },
  LEADING_ZEROS_RESTORED: {
    vi: 'Ô được lưu dạng số nên mất số 0 ở đầu; đã bổ sung. Hãy định dạng cột là Văn bản.',
    en: 'The cell was stored as a number and lost its leading zeros; they were restored. Format the column as Text.',
    severity: 'WARNING',
  },
  NORMALISED: {
    vi: 'Chữ tiếng Việt ở dạng tổ hợp (NFD) hoặc lẫn lộn; đã chuẩn hóa về dạng dựng sẵn (NFC).',
    en: 'Vietnamese text in decomposed (NFD) or mixed form; normalised to precomposed (NFC).',
    severity: 'WARNING',
  },
  INVALID_CHARACTERS: {
    vi: 'Có ký tự không đọc được (sai bảng mã).',
    en: 'Contains unreadable characters (wrong encoding).',
  },
  FORMULA_RESULT_USED: {
    vi: 'Ô chứa công thức: đã dùng kết quả được lưu. Nên dán giá trị thay cho công thức.',
    en: 'The cell holds a formula: its stored result was used. Paste values instead of formulas.',
    severity: 'WARNING',
  },
  FORMULA_WITHOUT_RESULT: {
    vi: 'Ô chứa công thức chưa được tính: hãy mở tệp bằng Excel, lưu lại, hoặc dán giá trị.',
    en: 'The cell holds a formula with no computed result: open and save the file in Excel, or paste values.',
  },
  DUPLICATE_IN_FILE: { vi: 'Trùng với một dòng trước trong tệp.', en: 'Duplicates an earlier row of the file.' },
  UNKNOWN_COLUMN: {
    vi: 'Cột không có trong mẫu: bỏ qua.',
    en: 'Not a column of the template: ignored.',
    severity: 'WARNING',
  },
  UNKNOWN_ORG_UNIT: { vi: 'Không có đơn vị mang mã này.', en: 'No unit has this code.' },
  DUPLICATE_PERSONAL_ID: {
    vi: 'Số định danh này đã thuộc về cán bộ khác.',
    en: 'Another cadre has this personal ID number.',
  },
  PERSONAL_ID_MISMATCH: {
    vi: 'Chữ số giới tính, thế kỷ hoặc năm sinh trong số định danh không khớp với hồ sơ.',
    en: 'The personal ID number’s sex, century and birth-year digits do not match the record.',
  },
  IMPLAUSIBLE_DATE: { vi: 'Ngày sinh phải sau 01/01/1900.', en: 'The birth date must be after 1900-01-01.' },
  DATE_IN_FUTURE: { vi: 'Ngày ở tương lai.', en: 'The date is in the future.' },
  GRADE_DATE_REQUIRED: {
    vi: 'Ngạch và ngày bổ nhiệm ngạch phải đi cùng nhau.',
    en: 'A grade and the date it was attained go together.',
  },
  BEFORE_BIRTH: { vi: 'Ngày vào Đảng không thể trước ngày sinh.', en: 'Party admission cannot precede birth.' },
  ADMISSION_DATE_REQUIRED: {
    vi: 'Có ngày chính thức thì phải có ngày vào Đảng.',
    en: 'An official date needs an admission date.',
  },
  BEFORE_ADMISSION: {
    vi: 'Ngày chính thức không thể trước ngày vào Đảng.',
    en: 'Official membership cannot precede admission.',
  },
  INVALID_EMAIL: { vi: 'Địa chỉ email không hợp lệ.', en: 'Not an email address.' },
  RETIREMENT_BEFORE_ASSIGNMENT: {
    vi: 'Với hồ sơ này cán bộ nghỉ hưu trước một chức vụ đã nhận; hãy hủy quyết định đó trước.',
    en: 'With this record the cadre would retire before a post they took up; cancel that decision first.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền ghi dữ liệu này.', en: 'You may not write this.' },
  NOT_FOUND: { vi: 'Không tìm thấy (hoặc ngoài phạm vi của bạn).', en: 'Not found (or outside your scope).' },
  BAD_USER_INPUT: { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
};

export function problem(
  row: number,
  key: string | null,
  column: string | null,
  code: string,
  extra: Partial<RowProblem> = {},
  fallbackEn?: string,
): RowProblem {
  const messages = PROBLEM_MESSAGES[code];
  return {
    row,
    key,
    column,
    code,
    severity: messages?.severity ?? 'ERROR',
    messageVi: messages?.vi ?? fallbackEn ?? code,
    messageEn: messages?.en ?? fallbackEn ?? code,
    ...extra,
  };
}
