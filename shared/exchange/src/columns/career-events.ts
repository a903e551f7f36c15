import type { KindDefinition } from './column';
import { ROW_NUMBER_COLUMN } from './column';

/** Appointment kinds (bổ nhiệm …) and mobility kinds (luân chuyển …) in one list, as a decision register keeps them. */
export const CAREER_EVENT_LABELS = {
  FIRST: 'Bổ nhiệm',
  REAPPOINTMENT: 'Bổ nhiệm lại',
  EXTENSION_TO_RETIREMENT: 'Kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu',
  ACTING: 'Giao quyền',
  DISMISSAL: 'Miễn nhiệm',
  RESIGNATION: 'Từ chức',
  ROTATION: 'Luân chuyển',
  TRANSFER: 'Điều động',
  SECONDMENT: 'Biệt phái',
} as const;

export const APPOINTMENT_EVENTS = ['FIRST', 'REAPPOINTMENT', 'EXTENSION_TO_RETIREMENT', 'ACTING', 'DISMISSAL', 'RESIGNATION'] as const;
export const MOBILITY_EVENTS = ['ROTATION', 'TRANSFER', 'SECONDMENT'] as const;

/**
 * Career events with their decisions: one row per decision and cadre. The decision (number, dates,
 * authority, basis, subject) is created when its number is new and must match when it exists.
 */
export const CAREER_EVENT_COLUMNS: KindDefinition = {
  kind: 'career-events',
  sheetName: 'Quá trình công tác',
  title: 'DANH SÁCH BỔ NHIỆM, LUÂN CHUYỂN, ĐIỀU ĐỘNG, BIỆT PHÁI',
  titleEn: 'Career events with their decisions',
  naturalKey: ['personalIdNumber', 'event', 'decisionNumber'],
  columns: [
    ROW_NUMBER_COLUMN,
    { key: 'personalIdNumber', header: 'Số định danh cá nhân', headerEn: 'Personal ID number', aliases: ['Số CCCD', 'CCCD'], type: 'personalId', required: true, width: 16, hint: '12 chữ số (12 digits)' },
    { key: 'fullName', header: 'Họ và tên', headerEn: 'Full name', aliases: ['Họ tên'], type: 'text', required: false, width: 26, hint: 'Đối chiếu, không ghi (checked against the record, not written)' },
    { key: 'event', header: 'Hình thức', headerEn: 'Event', aliases: ['Loại', 'Hình thức bố trí'], type: 'enum', values: CAREER_EVENT_LABELS, required: true, width: 20 },
    { key: 'titleCode', header: 'Mã chức vụ', headerEn: 'Title code', aliases: ['Mã chức danh'], type: 'code', required: false, width: 14, hint: 'Bắt buộc khi bổ nhiệm (required for an appointment)' },
    { key: 'orgUnitCode', header: 'Mã đơn vị', headerEn: 'Unit code', aliases: ['Mã đơn vị đến', 'Đơn vị đến'], type: 'code', required: true, width: 14, hint: 'Đơn vị bổ nhiệm hoặc đơn vị đến (unit of the post, or destination)' },
    { key: 'purpose', header: 'Mục đích', headerEn: 'Purpose', type: 'text', required: false, width: 22, hint: 'Bắt buộc khi luân chuyển, điều động, biệt phái' },
    { key: 'plannedEndOn', header: 'Ngày kết thúc dự kiến', headerEn: 'Planned end', type: 'date', required: false, width: 12, hint: 'dd/mm/yyyy; luân chuyển, biệt phái' },
    { key: 'decisionNumber', header: 'Số quyết định', headerEn: 'Decision number', aliases: ['Số QĐ'], type: 'text', required: true, width: 16, hint: 'vd. 1234-QĐ/TU' },
    { key: 'signedOn', header: 'Ngày ký', headerEn: 'Signed on', aliases: ['Ngày ký quyết định'], type: 'date', required: true, width: 12, hint: 'dd/mm/yyyy' },
    { key: 'effectiveOn', header: 'Ngày hiệu lực', headerEn: 'Effective on', aliases: ['Ngày có hiệu lực'], type: 'date', required: true, width: 12, hint: 'dd/mm/yyyy' },
    { key: 'signingAuthority', header: 'Cơ quan ban hành', headerEn: 'Signing authority', aliases: ['Cấp ký'], type: 'text', required: true, width: 22 },
    { key: 'legalBasis', header: 'Căn cứ', headerEn: 'Legal basis', aliases: ['Căn cứ pháp lý'], type: 'text', required: true, width: 22 },
    { key: 'subject', header: 'Trích yếu', headerEn: 'Subject', aliases: ['Trích yếu nội dung'], type: 'text', required: true, width: 30 },
  ],
};
