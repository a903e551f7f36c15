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
  UNKNOWN_CADRE: {
    vi: 'Không có cán bộ (trong phạm vi của bạn) mang số định danh này.',
    en: 'No cadre (in your units) has this personal ID number.',
  },
  NAME_MISMATCH: {
    vi: 'Họ tên khác với hồ sơ của số định danh này: kiểm tra lại số định danh.',
    en: 'The name differs from the record of this personal ID number: check the number.',
  },
  UNKNOWN_TITLE: { vi: 'Không có chức vụ, chức danh mang mã này.', en: 'No title has this code.' },
  UNKNOWN_CLASS: { vi: 'Không có lớp mang mã này.', en: 'No class has this code.' },
  UNKNOWN_TERM: { vi: 'Không có nhiệm kỳ mang mã này.', en: 'No term has this code.' },
  DECISION_MISMATCH: {
    vi: 'Quyết định số này đã có với nội dung khác; giá trị đã lưu được gợi ý.',
    en: 'A decision with this number is registered with a different value; the registered one is suggested.',
  },
  DECISION_CANCELLED: { vi: 'Quyết định này đã bị hủy.', en: 'This decision was cancelled.' },
  DUPLICATE_DECISION_NUMBER: {
    vi: 'Số quyết định đã được dùng cho quyết định khác.',
    en: 'Another decision has this number.',
  },
  EFFECTIVE_BEFORE_SIGNING: {
    vi: 'Ngày hiệu lực không thể trước ngày ký.',
    en: 'A decision cannot take effect before it is signed.',
  },
  END_BEFORE_START: { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end must come after the start.' },
  TRANSFER_IS_PERMANENT: {
    vi: 'Điều động không có ngày kết thúc dự kiến.',
    en: 'A transfer has no planned end.',
  },
  NOT_IN_PLANNING: {
    vi: 'Cán bộ chưa có trong quy hoạch được phê duyệt cho chức danh này (quy tắc 8).',
    en: 'The cadre is not in the approved planning for this title (rule 8).',
  },
  NOT_IN_PLANNING_POOL: {
    vi: 'Luân chuyển dành cho cán bộ trong quy hoạch (quy tắc 11).',
    en: 'Rotation is for cadres in the approved planning (rule 11).',
  },
  ROTATION_TOO_SHORT: {
    vi: 'Thời gian luân chuyển ngắn hơn mức tối thiểu (quy tắc 11).',
    en: 'The rotation is shorter than the minimum (rule 11).',
  },
  SECONDMENT_TOO_LONG: {
    vi: 'Thời gian biệt phái dài hơn mức tối đa (quy tắc 11).',
    en: 'The secondment is longer than the maximum (rule 11).',
  },
  INSUFFICIENT_SERVICE_LEFT: {
    vi: 'Không đủ thời gian công tác còn lại trước tuổi nghỉ hưu (quy tắc 8).',
    en: 'Not enough service left before retirement age (rule 8).',
  },
  INSUFFICIENT_SERVICE_LEFT_FOR_ROTATION: {
    vi: 'Không đủ thời gian công tác còn lại để luân chuyển (quy tắc 11).',
    en: 'Not enough service left for a rotation (rule 11).',
  },
  RETIREMENT_AGE_REACHED: { vi: 'Cán bộ đã đến tuổi nghỉ hưu.', en: 'The cadre has reached retirement age.' },
  TERM_LIMIT_REACHED: {
    vi: 'Đã giữ đủ số nhiệm kỳ liên tiếp ở chức vụ này (quy tắc 7).',
    en: 'The consecutive terms in this post are used up (rule 7).',
  },
  NOT_HOLDING_TITLE: {
    vi: 'Cán bộ không giữ chức vụ này ở đơn vị này vào ngày hiệu lực.',
    en: 'The cadre does not hold this title in this unit on the effective date.',
  },
  TITLE_FULL: { vi: 'Chức vụ đã đủ số người giữ.', en: 'The title has all its holders.' },
  TITLE_NOT_AT_UNIT_LEVEL: {
    vi: 'Chức vụ không thuộc cấp của đơn vị.',
    en: 'The title is not of the unit’s level.',
  },
  DISCIPLINE_BLOCK: {
    vi: 'Đang trong thời hạn chưa được bổ nhiệm do kỷ luật (quy tắc 12).',
    en: 'A discipline still blocks promotion (rule 12).',
  },
  RENEWAL_TOO_EARLY: { vi: 'Chưa đến thời điểm bổ nhiệm lại (quy tắc 10).', en: 'Too early to renew (rule 10).' },
  SAME_UNIT: { vi: 'Cán bộ đã ở đơn vị này.', en: 'The cadre is already in that unit.' },
  CLASS_FULL: { vi: 'Lớp đã đủ chỗ (quy tắc 1).', en: 'The class has no seat left (rule 1).' },
  CLASS_OVER: {
    vi: 'Lớp đã kết thúc: danh sách ghi kết quả của học viên (hoàn thành, không hoàn thành, thôi học, bảo lưu), không ghi học viên đang được cử, được nhận hay đang học.',
    en: 'The class has ended: its roster records each trainee’s outcome (completed, not completed, withdrawn, deferred), not a trainee still nominated, admitted or studying.',
  },
  INVALID_TRANSITION: {
    vi: 'Không thể chuyển từ tình trạng hiện có sang tình trạng này.',
    en: 'The record cannot move from its present status to this one.',
  },
  ONLY_WHEN_COMPLETED: {
    vi: 'Xếp loại và số chứng chỉ chỉ ghi khi hoàn thành.',
    en: 'A result and certificate go with a completed enrollment only.',
  },
  QUOTA_EXCEEDED: {
    vi: 'Vượt số được cử theo chỉ tiêu (quy tắc 2).',
    en: 'Over the nominees the quota allows (rule 2).',
  },
  NOT_PARTY_MEMBER: { vi: 'Chưa là đảng viên (quy tắc 4).', en: 'Not a Party member (rule 4).' },
  TITLE_NOT_PLANNED: {
    vi: 'Nhiệm kỳ không quy hoạch chức danh này (ở đơn vị này).',
    en: 'The term does not plan this title (in this unit).',
  },
  STATUS_NOT_IMPORTABLE: {
    vi: 'Không quy tắc nào đưa một lượt quy hoạch sang "Hết hiệu lực": danh sách nhập đề xuất, phê duyệt, đưa ra khỏi quy hoạch và đã bổ nhiệm.',
    en: 'No planning rule moves an entry to EXPIRED: a list brings proposals, approvals, removals and realisations.',
  },
  NO_MATCHING_APPOINTMENT: {
    vi: 'Quá trình công tác của cán bộ không có quyết định bổ nhiệm vào chức danh quy hoạch giữa quyết định phê duyệt và quyết định này.',
    en: 'The cadre’s career has no appointment to the planned title between the approval decision and this decision.',
  },
  PLANNING_CHECK_UNAVAILABLE: {
    vi: 'Không hỏi được phân hệ quy hoạch (quy tắc 8, 11): chưa ghi gì, hãy nhập lại sau.',
    en: 'The planning subgraph could not be asked (rules 8, 11): nothing was written; import again later.',
  },
  STATUS_DIFFERS: {
    vi: 'Trạng thái trong cơ sở dữ liệu khác với danh sách.',
    en: 'The database holds another status for this entry.',
  },
  NOT_ABOVE_CURRENT_POST: {
    vi: 'Chỉ quy hoạch chức danh cao hơn chức vụ hiện giữ (quy tắc 14).',
    en: 'Only titles above the current post are planned (rule 14).',
  },
  TOO_MANY_TITLES: {
    vi: 'Cán bộ đã được quy hoạch đủ số chức danh cùng cấp (quy tắc 14).',
    en: 'The cadre is planned for the most titles at this level (rule 14).',
  },
  CANDIDATE_SLOTS_FULL: {
    vi: 'Chức danh đã đủ số người quy hoạch (quy tắc 14).',
    en: 'The planned title has all its candidates (rule 14).',
  },
  NOT_ENOUGH_SERVICE_FOR_TERM: {
    vi: 'Không đủ tuổi công tác cho một nhiệm kỳ (quy tắc 15).',
    en: 'Not enough service left for a full term (rule 15).',
  },
  TERM_CLOSED: { vi: 'Nhiệm kỳ đã kết thúc.', en: 'The term has ended.' },
  ALREADY_PLANNED: {
    vi: 'Cán bộ đã được quy hoạch chức danh này trong nhiệm kỳ.',
    en: 'The cadre is already planned for this title in this term.',
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
