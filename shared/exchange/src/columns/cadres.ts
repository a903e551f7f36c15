import type { KindDefinition } from './column';
import { ROW_NUMBER_COLUMN } from './column';

export const SEX_LABELS = { MALE: 'Nam', FEMALE: 'Nữ' } as const;

export const CADRE_CATEGORY_LABELS = {
  ELECTED_CADRE: 'Cán bộ',
  CIVIL_SERVANT: 'Công chức',
  PUBLIC_EMPLOYEE: 'Viên chức',
  PART_TIME: 'Không chuyên trách',
} as const;

/** Ngạch, by the label officials use (the code in brackets is the grade's number). */
export const GRADE_LABELS = {
  SENIOR_SPECIALIST: 'Chuyên viên cao cấp (01.001)',
  PRINCIPAL_SPECIALIST: 'Chuyên viên chính (01.002)',
  SPECIALIST: 'Chuyên viên (01.003)',
  OFFICER: 'Cán sự (01.004)',
  EMPLOYEE: 'Nhân viên (01.005)',
} as const;

/**
 * Cadre records (sơ yếu lý lịch, form 2C's first group), keyed by the personal identification number.
 * Degrees and family members are lists of their own and stay with the API / the dossier for now.
 */
export const CADRE_COLUMNS: KindDefinition = {
  kind: 'cadres',
  sheetName: 'Cán bộ',
  title: 'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC',
  titleEn: 'Cadre records',
  naturalKey: ['personalIdNumber'],
  columns: [
    ROW_NUMBER_COLUMN,
    {
      key: 'personalIdNumber',
      header: 'Số định danh cá nhân',
      headerEn: 'Personal ID number',
      aliases: ['Số CCCD', 'CCCD', 'Số căn cước công dân', 'Số căn cước'],
      type: 'personalId',
      required: true,
      width: 16,
      hint: '12 chữ số (12 digits)',
    },
    {
      key: 'fullName',
      header: 'Họ và tên',
      headerEn: 'Full name',
      aliases: ['Họ tên', 'Họ và tên khai sinh'],
      type: 'text',
      required: true,
      width: 28,
    },
    { key: 'otherNames', header: 'Tên gọi khác', headerEn: 'Other names', type: 'text', required: false, width: 16 },
    { key: 'sex', header: 'Giới tính', headerEn: 'Sex', type: 'enum', values: SEX_LABELS, required: true, width: 9 },
    {
      key: 'dateOfBirth',
      header: 'Ngày sinh',
      headerEn: 'Date of birth',
      aliases: ['Ngày, tháng, năm sinh'],
      type: 'date',
      required: true,
      width: 12,
      hint: 'dd/mm/yyyy',
    },
    { key: 'placeOfBirth', header: 'Nơi sinh', headerEn: 'Place of birth', type: 'text', required: false, width: 22 },
    { key: 'hometown', header: 'Quê quán', headerEn: 'Hometown', type: 'text', required: false, width: 22 },
    { key: 'ethnicity', header: 'Dân tộc', headerEn: 'Ethnicity', type: 'text', required: true, width: 10 },
    { key: 'religion', header: 'Tôn giáo', headerEn: 'Religion', type: 'text', required: false, width: 10 },
    {
      key: 'category',
      header: 'Đối tượng',
      headerEn: 'Category',
      aliases: ['Loại cán bộ'],
      type: 'enum',
      values: CADRE_CATEGORY_LABELS,
      required: true,
      width: 18,
    },
    {
      key: 'orgUnitCode',
      header: 'Mã đơn vị',
      headerEn: 'Unit code',
      aliases: ['Mã cơ quan, đơn vị'],
      type: 'code',
      required: true,
      width: 14,
      hint: 'Mã đơn vị trong danh mục (the unit’s code)',
    },
    {
      key: 'grade',
      header: 'Ngạch',
      headerEn: 'Grade',
      aliases: ['Ngạch công chức'],
      type: 'enum',
      values: GRADE_LABELS,
      required: false,
      width: 26,
    },
    {
      key: 'gradeSince',
      header: 'Ngày bổ nhiệm ngạch',
      headerEn: 'Grade since',
      type: 'date',
      required: false,
      width: 12,
      hint: 'dd/mm/yyyy',
    },
    {
      key: 'partyAdmissionDate',
      header: 'Ngày vào Đảng',
      headerEn: 'Party admission date',
      type: 'date',
      required: false,
      width: 12,
      hint: 'dd/mm/yyyy',
    },
    {
      key: 'partyOfficialDate',
      header: 'Ngày chính thức',
      headerEn: 'Party official date',
      type: 'date',
      required: false,
      width: 12,
      hint: 'dd/mm/yyyy',
    },
    {
      key: 'generalEducation',
      header: 'Giáo dục phổ thông',
      headerEn: 'General education',
      aliases: ['Trình độ giáo dục phổ thông'],
      type: 'text',
      required: false,
      width: 10,
      hint: 'vd. 12/12',
    },
    {
      key: 'phone',
      header: 'Điện thoại',
      headerEn: 'Phone',
      aliases: ['Số điện thoại'],
      type: 'text',
      required: false,
      width: 13,
    },
    {
      key: 'email',
      header: 'Email',
      headerEn: 'Email',
      aliases: ['Thư điện tử'],
      type: 'text',
      required: false,
      width: 24,
    },
  ],
};
