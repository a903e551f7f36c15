import type { KindDefinition } from './column';
import { ROW_NUMBER_COLUMN } from './column';

export const ENROLLMENT_STATUS_LABELS = {
  NOMINATED: 'Được cử',
  ADMITTED: 'Trúng tuyển',
  STUDYING: 'Đang học',
  COMPLETED: 'Hoàn thành',
  NOT_COMPLETED: 'Không hoàn thành',
  DEFERRED: 'Bảo lưu',
  WITHDRAWN: 'Thôi học',
} as const;

/** Xếp loại tốt nghiệp. */
export const RESULT_RATING_LABELS = {
  EXCELLENT: 'Xuất sắc',
  GOOD: 'Giỏi',
  FAIR: 'Khá',
  AVERAGE: 'Trung bình',
} as const;

/** A class roster with results: one row per trainee, keyed by class and cadre. */
export const CLASS_ROSTER_COLUMNS: KindDefinition = {
  kind: 'class-rosters',
  sheetName: 'Danh sách học viên',
  title: 'DANH SÁCH HỌC VIÊN VÀ KẾT QUẢ HỌC TẬP',
  titleEn: 'Class roster with results',
  naturalKey: ['classCode', 'personalIdNumber'],
  columns: [
    ROW_NUMBER_COLUMN,
    {
      key: 'classCode',
      header: 'Mã lớp',
      headerEn: 'Class code',
      aliases: ['Lớp'],
      type: 'code',
      required: true,
      width: 16,
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
      aliases: ['Họ tên', 'Họ và tên học viên'],
      type: 'text',
      required: false,
      width: 26,
      hint: 'Đối chiếu, không ghi (checked against the record, not written)',
    },
    {
      key: 'status',
      header: 'Tình trạng',
      headerEn: 'Status',
      aliases: ['Trạng thái'],
      type: 'enum',
      values: ENROLLMENT_STATUS_LABELS,
      required: true,
      width: 16,
    },
    {
      key: 'resultRating',
      header: 'Xếp loại',
      headerEn: 'Result',
      aliases: ['Kết quả', 'Xếp loại tốt nghiệp'],
      type: 'enum',
      values: RESULT_RATING_LABELS,
      required: false,
      width: 12,
      hint: 'Bắt buộc khi hoàn thành (required when completed)',
    },
    {
      key: 'certificateNumber',
      header: 'Số chứng chỉ',
      headerEn: 'Certificate number',
      aliases: ['Số bằng', 'Số văn bằng, chứng chỉ'],
      type: 'text',
      required: false,
      width: 16,
      hint: 'Bắt buộc khi hoàn thành (required when completed)',
    },
  ],
};
