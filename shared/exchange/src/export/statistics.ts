import { must } from '@cadres/core';
import { label } from './labels';
import {
  dateParameter,
  defined,
  ExportParameterError,
  intParameter,
  stringParameter,
  type ExportSource,
} from './source';
import type { ExportColumn } from './table';

type Row = Record<string, unknown>;
type Params = Record<string, string | undefined>;

interface StatisticExport {
  /** The sheet's and the file's title. */
  title: string;
  fileName: string;
  /** The query's arguments from the URL's parameters (validated here, named in any refusal). */
  args(params: Params): Record<string, unknown>;
  /** GraphQL variable declarations and the field with its arguments and selection. */
  signature: string;
  field: string;
  columns: ExportColumn<Row>[];
}

const text = (header: string, key: string, width?: number): ExportColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] as string | null) ?? null,
});
const number = (header: string, key: string): ExportColumn<Row> => ({
  header,
  value: (r) => (r[key] as number | null) ?? null,
});
const labelled = (header: string, key: string, width?: number): ExportColumn<Row> => ({
  header,
  width,
  value: (r) => label(r[key] as string | null),
});

const PROVIDER_LEVELS = ['CENTRAL', 'REGIONAL', 'PROVINCIAL', 'UNIVERSITY', 'FOREIGN'];
/** The statistics' org-unit filter (its subtree, within the caller's units). */
const unit = (params: Params) => defined({ orgUnitSubtree: stringParameter(params, 'orgUnitSubtree') });
const year = (params: Params) => defined({ year: intParameter(params, 'year'), ...unit(params) });
const dates = (params: Params) =>
  defined({ from: dateParameter(params, 'from'), to: dateParameter(params, 'to'), ...unit(params) });
const period = (params: Params) => {
  const providerLevel = stringParameter(params, 'providerLevel');
  if (providerLevel !== undefined && !PROVIDER_LEVELS.includes(providerLevel))
    throw new ExportParameterError('providerLevel', `"providerLevel" must be one of ${PROVIDER_LEVELS.join(', ')}.`);
  return defined({ ...dates(params), providerLevel });
};
const termCodes = (params: Params) =>
  defined({ termCodes: stringParameter(params, 'termCode')?.split(','), ...unit(params) });
const requiredTerm = (params: Params) => ({ termCode: stringParameter(params, 'termCode', true), ...unit(params) });

/**
 * Every statistic the dashboards ask, as a table: `/export/statistics/<name>.xlsx|csv?<arguments>`.
 * The same query and arguments as in GraphQL (`from`, `to`, `providerLevel`, `year`, `termCode`,
 * `orgUnitSubtree`), with Vietnamese headers. Statistics are already aggregates over the caller's units, so their
 * columns are the same for every role that may read them (a PARTNER may not: FORBIDDEN).
 */
export const STATISTIC_EXPORTS: Record<string, StatisticExport> = {
  quotaFulfilment: {
    title: 'Thực hiện chỉ tiêu đào tạo',
    fileName: 'thuc-hien-chi-tieu',
    args: year,
    signature: '($year: Int, $orgUnitSubtree: ID)',
    field:
      'quotaFulfilment(year: $year, orgUnitSubtree: $orgUnitSubtree) { year planCode programmeCode programmeName mode orgUnitId quota nominated sent fulfilmentPercent }',
    columns: [
      number('Năm', 'year'),
      text('Kế hoạch', 'planCode'),
      text('Mã chương trình', 'programmeCode'),
      text('Chương trình', 'programmeName', 40),
      labelled('Hình thức', 'mode'),
      text('Mã đơn vị', 'orgUnitId'),
      number('Chỉ tiêu', 'quota'),
      number('Đã cử', 'nominated'),
      number('Đã đi học', 'sent'),
      number('Tỷ lệ (%)', 'fulfilmentPercent'),
    ],
  },
  classSizeStatistics: {
    title: 'Quy mô lớp học',
    fileName: 'quy-mo-lop-hoc',
    args: period,
    signature: '($from: LocalDate, $to: LocalDate, $providerLevel: ProviderLevel, $orgUnitSubtree: ID)',
    field:
      'classSizeStatistics(from: $from, to: $to, providerLevel: $providerLevel, orgUnitSubtree: $orgUnitSubtree) { programmeCode programmeName category mode classes trainees averageSize largestClass cap }',
    columns: [
      text('Mã chương trình', 'programmeCode'),
      text('Chương trình', 'programmeName', 40),
      labelled('Loại', 'category'),
      labelled('Hình thức', 'mode'),
      number('Số lớp', 'classes'),
      number('Số học viên', 'trainees'),
      number('Bình quân học viên/lớp', 'averageSize'),
      number('Lớp đông nhất', 'largestClass'),
      number('Sĩ số tối đa', 'cap'),
    ],
  },
  traineesByCategory: {
    title: 'Học viên theo loại hình bồi dưỡng',
    fileName: 'hoc-vien-theo-loai-hinh',
    args: period,
    signature: '($from: LocalDate, $to: LocalDate, $providerLevel: ProviderLevel, $orgUnitSubtree: ID)',
    field:
      'traineesByCategory(from: $from, to: $to, providerLevel: $providerLevel, orgUnitSubtree: $orgUnitSubtree) { category classes trainees }',
    columns: [labelled('Loại hình', 'category', 36), number('Số lớp', 'classes'), number('Số học viên', 'trainees')],
  },
  completionRates: {
    title: 'Tỷ lệ hoàn thành',
    fileName: 'ty-le-hoan-thanh',
    args: dates,
    signature: '($from: LocalDate, $to: LocalDate, $orgUnitSubtree: ID)',
    field:
      'completionRates(from: $from, to: $to, orgUnitSubtree: $orgUnitSubtree) { programmeCode programmeName completed notCompleted withdrawn completionPercent }',
    columns: [
      text('Mã chương trình', 'programmeCode'),
      text('Chương trình', 'programmeName', 40),
      number('Hoàn thành', 'completed'),
      number('Không hoàn thành', 'notCompleted'),
      number('Rút', 'withdrawn'),
      number('Tỷ lệ hoàn thành (%)', 'completionPercent'),
    ],
  },
  selectionRatioCompliance: {
    title: 'Tỷ lệ cử tập trung : không tập trung',
    fileName: 'ty-le-tap-trung',
    args: year,
    signature: '($year: Int, $orgUnitSubtree: ID)',
    field:
      'selectionRatioCompliance(year: $year, orgUnitSubtree: $orgUnitSubtree) { planCode year programmeCode concentrated nonConcentrated ratio allowedRatio allowedNonConcentrated compliant }',
    columns: [
      text('Kế hoạch', 'planCode'),
      number('Năm', 'year'),
      text('Mã chương trình', 'programmeCode'),
      number('Tập trung', 'concentrated'),
      number('Không tập trung', 'nonConcentrated'),
      number('Tỷ lệ', 'ratio'),
      number('Tỷ lệ cho phép', 'allowedRatio'),
      number('Không tập trung cho phép', 'allowedNonConcentrated'),
      { header: 'Đúng quy định', value: (r) => (r.compliant ? 'Có' : 'Không') },
    ],
  },
  centralCourseAttendance: {
    title: 'Cử đi bồi dưỡng ở Trung ương',
    fileName: 'boi-duong-trung-uong',
    args: dates,
    signature: '($from: LocalDate, $to: LocalDate, $orgUnitSubtree: ID)',
    field:
      'centralCourseAttendance(from: $from, to: $to, orgUnitSubtree: $orgUnitSubtree) { programmeCode programmeName category trainees }',
    columns: [
      text('Mã chương trình', 'programmeCode'),
      text('Chương trình', 'programmeName', 48),
      labelled('Loại', 'category'),
      number('Số cán bộ', 'trainees'),
    ],
  },
  planningTermTotals: {
    title: 'Quy hoạch theo nhiệm kỳ',
    fileName: 'quy-hoach-theo-nhiem-ky',
    args: termCodes,
    signature: '($termCodes: [String!], $orgUnitSubtree: ID)',
    field: 'planningTermTotals(termCodes: $termCodes, orgUnitSubtree: $orgUnitSubtree) { termCode entries cadres }',
    columns: [text('Nhiệm kỳ', 'termCode'), number('Lượt quy hoạch', 'entries'), number('Số cán bộ', 'cadres')],
  },
  planningEntriesByTitle: {
    title: 'Quy hoạch theo chức danh',
    fileName: 'quy-hoach-theo-chuc-danh',
    args: termCodes,
    signature: '($termCodes: [String!], $orgUnitSubtree: ID)',
    field:
      'planningEntriesByTitle(termCodes: $termCodes, orgUnitSubtree: $orgUnitSubtree) { termCode title { id name } level total proposed approved realised removed expired }',
    columns: [
      text('Nhiệm kỳ', 'termCode'),
      { header: 'Chức danh', width: 40, value: (r) => (r.title as { name: string } | null)?.name ?? '' },
      labelled('Cấp', 'level'),
      number('Tổng', 'total'),
      number('Đề xuất', 'proposed'),
      number('Đã phê duyệt', 'approved'),
      number('Đã bổ nhiệm', 'realised'),
      number('Đưa ra', 'removed'),
      number('Hết hiệu lực', 'expired'),
    ],
  },
  benchStrength: {
    title: 'Số người quy hoạch mỗi chức danh',
    fileName: 'nguon-quy-hoach',
    args: requiredTerm,
    signature: '($termCode: String!, $orgUnitSubtree: ID)',
    field: 'benchStrength(termCode: $termCode, orgUnitSubtree: $orgUnitSubtree) { candidates titles }',
    columns: [number('Số người trong quy hoạch', 'candidates'), number('Số chức danh', 'titles')],
  },
  successionRisks: {
    title: 'Chức danh thiếu người kế cận',
    fileName: 'rui-ro-ke-can',
    args: requiredTerm,
    signature: '($termCode: String!, $orgUnitSubtree: ID)',
    field:
      'successionRisks(termCode: $termCode, orgUnitSubtree: $orgUnitSubtree) { plannedTitleId title { id name } orgUnitId incumbentId incumbentRetiresOn candidates }',
    columns: [
      { header: 'Chức danh', width: 40, value: (r) => (r.title as { name: string } | null)?.name ?? '' },
      text('Mã đơn vị', 'orgUnitId'),
      text('Người đương nhiệm', 'incumbentId'),
      text('Ngày nghỉ hưu', 'incumbentRetiresOn'),
      number('Số người quy hoạch', 'candidates'),
    ],
  },
};

/** The export of one statistic; an unknown name is refused naming the known ones. */
export function statisticSource(name: string, params: Params): ExportSource<Row> {
  const spec = Object.hasOwn(STATISTIC_EXPORTS, name) ? STATISTIC_EXPORTS[name] : undefined;
  if (!spec)
    throw new ExportParameterError(
      'name',
      `No statistic "${name}"; known: ${Object.keys(STATISTIC_EXPORTS).join(', ')}.`,
    );
  const rootField = spec.field.slice(0, spec.field.indexOf('('));
  return {
    fileName: spec.fileName,
    sheetName: spec.title.slice(0, 31),
    query: `query ExportStatistic${spec.signature} { ${spec.field} }`,
    variables: spec.args(params),
    columns: spec.columns,
    rows: (data) => must((data as Record<string, Row[]>)[rootField], 'the answer has the field the query asks for'),
  };
}
