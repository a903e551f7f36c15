import type { KindDefinition } from './column';
import { ROW_NUMBER_COLUMN } from './column';

export const PLANNING_SOURCE_LABELS = { INTERNAL: 'Tại chỗ', EXTERNAL: 'Nguồn từ nơi khác' } as const;

export const READINESS_LABELS = {
  READY_NOW: 'Sẵn sàng ngay',
  ONE_TO_TWO_YEARS: '1–2 năm',
  THREE_TO_FIVE_YEARS: '3–5 năm',
} as const;

export const PLANNING_STATUS_LABELS = {
  PROPOSED: 'Đề xuất',
  APPROVED: 'Đã phê duyệt',
  REALISED: 'Đã bổ nhiệm',
  REMOVED: 'Đưa ra khỏi quy hoạch',
  EXPIRED: 'Hết hiệu lực',
} as const;

/** Why an entry left the planning (rule 16's annual review, or another reason the decision gives). */
export const REMOVAL_REASON_LABELS = {
  OVER_AGE: 'Quá tuổi',
  DISCIPLINED: 'Bị kỷ luật',
  RATED_NOT_COMPLETED: 'Không hoàn thành nhiệm vụ',
  ALREADY_APPOINTED: 'Đã được bổ nhiệm',
  TOO_MANY_TITLES: 'Quy hoạch quá số chức danh',
  OTHER: 'Lý do khác',
} as const;

/**
 * A term's planning list: one row per cadre and planned title ("lượt"), keyed by term, title, the
 * title's unit where it is planned per unit, and cadre: a cadre may be planned for one title in
 * two units (chair of either commune), as the database keeps one entry per planned title and cadre.
 */
export const PLANNING_LIST_COLUMNS: KindDefinition = {
  kind: 'planning-lists',
  sheetName: 'Danh sách quy hoạch',
  title: 'DANH SÁCH QUY HOẠCH CÁN BỘ',
  titleEn: 'Planning list for a term',
  naturalKey: ['termCode', 'titleCode', 'orgUnitCode', 'personalIdNumber'],
  columns: [
    ROW_NUMBER_COLUMN,
    {
      key: 'termCode',
      header: 'Nhiệm kỳ',
      headerEn: 'Term',
      aliases: ['Mã nhiệm kỳ'],
      type: 'code',
      required: true,
      width: 12,
      hint: 'vd. 2025-2030',
    },
    {
      key: 'titleCode',
      header: 'Mã chức danh quy hoạch',
      headerEn: 'Planned title code',
      aliases: ['Mã chức danh', 'Chức danh quy hoạch'],
      type: 'code',
      required: true,
      width: 16,
    },
    {
      key: 'orgUnitCode',
      header: 'Mã đơn vị',
      headerEn: 'Unit code',
      type: 'code',
      required: false,
      width: 14,
      hint: 'Đơn vị của chức danh, nếu có (the planned title’s unit, if any)',
    },
    {
      key: 'personalIdNumber',
      header: 'Số định danh cá nhân',
      headerEn: 'Personal ID number',
      aliases: ['Số CCCD', 'CCCD'],
      type: 'personalId',
      required: true,
      width: 16,
      hint: '12 chữ số (12 digits)',
    },
    {
      key: 'fullName',
      header: 'Họ và tên',
      headerEn: 'Full name',
      aliases: ['Họ tên'],
      type: 'text',
      required: false,
      width: 26,
      hint: 'Đối chiếu, không ghi (checked against the record, not written)',
    },
    {
      key: 'source',
      header: 'Nguồn',
      headerEn: 'Source',
      type: 'enum',
      values: PLANNING_SOURCE_LABELS,
      required: false,
      width: 16,
    },
    {
      key: 'readiness',
      header: 'Khả năng đáp ứng',
      headerEn: 'Readiness',
      aliases: ['Mức độ sẵn sàng'],
      type: 'enum',
      values: READINESS_LABELS,
      required: false,
      width: 14,
    },
    {
      key: 'candidateRank',
      header: 'Thứ tự',
      headerEn: 'Rank',
      aliases: ['Thứ tự ưu tiên'],
      type: 'integer',
      required: false,
      width: 8,
    },
    {
      key: 'status',
      header: 'Trạng thái',
      headerEn: 'Status',
      type: 'enum',
      values: PLANNING_STATUS_LABELS,
      required: false,
      width: 16,
    },
    {
      key: 'decisionNumber',
      header: 'Số quyết định',
      headerEn: 'Decision number',
      aliases: ['Số QĐ'],
      type: 'text',
      required: false,
      width: 16,
      hint: 'Quyết định phê duyệt, đưa ra khỏi quy hoạch hoặc bổ nhiệm, theo trạng thái (the decision of the status: approval, removal or realisation)',
    },
    {
      key: 'decisionDate',
      header: 'Ngày quyết định',
      headerEn: 'Decision date',
      type: 'date',
      required: false,
      width: 12,
      hint: 'dd/mm/yyyy',
    },
    {
      key: 'removalReason',
      header: 'Lý do đưa ra khỏi quy hoạch',
      headerEn: 'Removal reason',
      aliases: ['Lý do'],
      type: 'enum',
      values: REMOVAL_REASON_LABELS,
      required: false,
      width: 22,
      hint: 'Khi trạng thái là "Đưa ra khỏi quy hoạch" (with a removal)',
    },
  ],
};
