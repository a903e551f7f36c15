import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { must } from '@cadres/core';
import { label, vnDate } from '../export/labels';

/**
 * The statistics the report reads, in one operation the gateway runs as the caller (over their
 * units). The same queries the dashboards ask; nothing is counted twice or elsewhere.
 */
export const COMMITTEE_REPORT_QUERY = `query CommitteeReport($from: LocalDate!, $to: LocalDate!) {
  quotaFulfilment { year programmeCode programmeName mode quota sent }
  selectionRatioCompliance { year programmeCode concentrated nonConcentrated allowedRatio compliant }
  classSizeStatistics(from: $from, to: $to) { programmeCode programmeName mode classes trainees averageSize cap }
  refreshers: traineesByCategory(from: $from, to: $to, providerLevel: PROVINCIAL) { category classes trainees }
  centralCourseAttendance(from: $from, to: $to) { programmeCode programmeName trainees }
  mobilityStatistics(from: $from, to: $to) { kind moves cadres }
  terms { id code startYear endYear }
  planningTermTotals { termCode entries cadres }
}`;

interface ReportData {
  quotaFulfilment: {
    year: number;
    programmeCode: string;
    programmeName: string;
    mode: string;
    quota: number;
    sent: number;
  }[];
  selectionRatioCompliance: {
    year: number;
    programmeCode: string;
    concentrated: number;
    nonConcentrated: number;
    allowedRatio: number;
    compliant: boolean;
  }[];
  classSizeStatistics: {
    programmeCode: string;
    programmeName: string;
    mode: string;
    classes: number;
    trainees: number;
    averageSize: number;
    cap: number;
  }[];
  refreshers: { category: string; classes: number; trainees: number }[];
  centralCourseAttendance: { programmeCode: string; programmeName: string; trainees: number }[];
  mobilityStatistics: { kind: string; moves: number; cadres: number }[];
  terms: { code: string; startYear: number; endYear: number }[];
  planningTermTotals: { termCode: string; entries: number; cadres: number }[];
}

/** The refresher categories the article lists ("bồi dưỡng ngạch …, đại biểu HĐND …"). */
export const REFRESHER_CATEGORIES = [
  'GRADE_COURSE',
  'LEADERSHIP',
  'COMMUNE_TITLES',
  'OFFICE_CULTURE_ETHICS',
  'ADMINISTRATIVE_REFORM',
  'PEOPLES_COUNCIL_DELEGATES',
];
const ADVANCED = 'LLCT-CAO-CAP';
const INTERMEDIATE = 'LLCT-TRUNG-CAP';

export interface Period {
  from: string;
  to: string;
}

/** The report's figures, each the article's (article-figures.md), computed from the statistics. */
export interface CommitteeReportFigures {
  period: Period;
  selectionRatio: { concentrated: number; nonConcentrated: number; allowedRatio: number; compliant: boolean } | null;
  advancedConcentrated: { quota: number; sent: number; percent: number | null };
  advancedNonConcentrated: { classes: number; trainees: number };
  advancedCompletion: number;
  mastersAbroad: number;
  intermediate: {
    classes: number;
    concentratedAverage: number | null;
    nonConcentratedAverage: number | null;
    cap: number | null;
    concentratedClasses: number;
    nonConcentratedClasses: number;
  };
  refreshers: { rows: { category: string; classes: number; trainees: number }[]; classes: number; trainees: number };
  central: { rows: { programmeCode: string; programmeName: string; trainees: number }[]; total: number };
  rotations: { moves: number; cadres: number };
  planning: { rows: { termCode: string; entries: number; cadres: number }[]; entries: number };
}

const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((s, r) => s + value(r), 0);
const year = (iso: string) => Number(iso.slice(0, 4));

export function committeeReportFigures(data: ReportData, period: Period): CommitteeReportFigures {
  const inYears = (y: number) => y >= year(period.from) && y <= year(period.to);
  const quota = data.quotaFulfilment.filter(
    (q) => inYears(q.year) && q.programmeCode === ADVANCED && q.mode === 'CONCENTRATED',
  );
  const ratio = data.selectionRatioCompliance.filter((r) => inYears(r.year) && r.programmeCode === ADVANCED);
  const classes = (code: string, mode: string) =>
    data.classSizeStatistics.find((c) => c.programmeCode === code && c.mode === mode);
  const intermediateConcentrated = classes(INTERMEDIATE, 'CONCENTRATED');
  const intermediateNon = classes(INTERMEDIATE, 'NON_CONCENTRATED');
  const refreshers = data.refreshers.filter((r) => REFRESHER_CATEGORIES.includes(r.category));
  const rotation = data.mobilityStatistics.find((m) => m.kind === 'ROTATION');
  // The planning the period worked on: the terms still running after the year it starts, and
  // the next terms, planned during it (QĐ 50 and QĐ 377 have the next term planned in this one).
  const terms = new Set(
    data.terms.filter((t) => t.endYear > year(period.from) && t.startYear <= year(period.to) + 5).map((t) => t.code),
  );
  const planning = data.planningTermTotals.filter((t) => terms.has(t.termCode));
  const sentQuota = sum(quota, (q) => q.quota);
  const sent = sum(quota, (q) => q.sent);
  return {
    period,
    selectionRatio: ratio[0]
      ? {
          concentrated: sum(ratio, (r) => r.concentrated),
          nonConcentrated: sum(ratio, (r) => r.nonConcentrated),
          allowedRatio: ratio[0].allowedRatio,
          compliant: ratio.every((r) => r.compliant),
        }
      : null,
    advancedConcentrated: {
      quota: sentQuota,
      sent,
      percent: sentQuota ? Math.round((sent / sentQuota) * 1000) / 10 : null,
    },
    advancedNonConcentrated: {
      classes: classes(ADVANCED, 'NON_CONCENTRATED')?.classes ?? 0,
      trainees: classes(ADVANCED, 'NON_CONCENTRATED')?.trainees ?? 0,
    },
    advancedCompletion: classes(ADVANCED, 'COMPLETION')?.trainees ?? 0,
    mastersAbroad: classes('THAC-SI-NN', 'CONCENTRATED')?.trainees ?? 0,
    intermediate: {
      classes: (intermediateConcentrated?.classes ?? 0) + (intermediateNon?.classes ?? 0),
      concentratedClasses: intermediateConcentrated?.classes ?? 0,
      nonConcentratedClasses: intermediateNon?.classes ?? 0,
      concentratedAverage: intermediateConcentrated?.averageSize ?? null,
      nonConcentratedAverage: intermediateNon?.averageSize ?? null,
      cap: intermediateNon?.cap ?? intermediateConcentrated?.cap ?? null,
    },
    refreshers: {
      rows: refreshers,
      classes: sum(refreshers, (r) => r.classes),
      trainees: sum(refreshers, (r) => r.trainees),
    },
    central: {
      rows: [...data.centralCourseAttendance].sort((a, b) => b.trainees - a.trainees),
      total: sum(data.centralCourseAttendance, (c) => c.trainees),
    },
    rotations: { moves: rotation?.moves ?? 0, cadres: rotation?.cadres ?? 0 },
    planning: { rows: planning, entries: sum(planning, (t) => t.entries) },
  };
}

/** Numbers as Vietnamese documents write them: 1.347 and 70,8. */
export function vnNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

const FONT = 'Times New Roman';
const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: options.size ?? 26, bold: options.bold, italics: options.italics });
const para = (
  text: string,
  options: {
    bold?: boolean;
    italics?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    size?: number;
  } = {},
) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    children: [run(text, options)],
  });
const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [run(text, { bold: true })],
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
function table(headers: string[], rows: string[][], widths: number[]): Table {
  const widthOf = (column: number) => must(widths[column], 'every table is given a width per column');
  const cell = (text: string, bold: boolean, width: number, numeric: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      borders: { top: border, bottom: border, left: border, right: border },
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, { bold, size: 24 })],
        }),
      ],
    });
  const isNumeric = (text: string) => /^[\d.,%\s—:]+$/.test(text);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, widthOf(i), false)) }),
      ...rows.map(
        (r, rowIndex) =>
          new TableRow({
            children: r.map((text, i) =>
              cell(text, rowIndex === rows.length - 1 && r[0] === 'Tổng cộng', widthOf(i), i > 0 && isNumeric(text)),
            ),
          }),
      ),
    ],
  });
}

/**
 * The committee's report as a Word document (what its staff edit and sign), with the article's
 * headings: political-theory training, professional refresher courses, central courses, rotation,
 * planning. Every figure in it comes from `figures`; a test reads them back from word/document.xml.
 */
export function renderCommitteeReportDocx(f: CommitteeReportFigures, province: string): Promise<Buffer> {
  const p = f.period;
  const intermediate = f.intermediate;
  const doc = new Document({
    creator: 'cadres platform',
    title: 'Báo cáo công tác đào tạo, bồi dưỡng, luân chuyển và quy hoạch cán bộ',
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        children: [
          para(province.toLocaleUpperCase('vi'), { bold: true, align: AlignmentType.LEFT }),
          para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', {
            bold: true,
            align: AlignmentType.RIGHT,
            size: 22,
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 60 },
            children: [run('BÁO CÁO', { bold: true, size: 30 })],
          }),
          para('Kết quả đào tạo, bồi dưỡng, luân chuyển và quy hoạch cán bộ', {
            bold: true,
            align: AlignmentType.CENTER,
          }),
          para(
            `(Từ ngày ${vnDate(p.from)} đến ngày ${vnDate(p.to)}; số liệu lấy trực tiếp từ hệ thống quản lý cán bộ)`,
            { italics: true, align: AlignmentType.CENTER },
          ),

          heading('I. ĐÀO TẠO, BỒI DƯỠNG LÝ LUẬN CHÍNH TRỊ'),
          para(
            f.selectionRatio
              ? `Thực hiện việc chọn cử cán bộ đi đào tạo theo tỷ lệ 1:${vnNumber(f.selectionRatio.allowedRatio, 1)} (cử 1 cán bộ đi đào tạo hệ tập trung được cử ${vnNumber(f.selectionRatio.allowedRatio, 1)} cán bộ đi đào tạo hệ không tập trung): ${vnNumber(f.selectionRatio.concentrated)} hệ tập trung, ${vnNumber(f.selectionRatio.nonConcentrated)} hệ không tập trung, ${f.selectionRatio.compliant ? 'đúng tỷ lệ' : 'vượt tỷ lệ'}.`
              : 'Trong kỳ không có kế hoạch cử cán bộ đi đào tạo cao cấp lý luận chính trị.',
          ),
          table(
            ['Nội dung', 'Số lớp', 'Số học viên', 'Ghi chú'],
            [
              [
                'Cao cấp lý luận chính trị hệ tập trung',
                '',
                vnNumber(f.advancedConcentrated.sent),
                f.advancedConcentrated.percent === null
                  ? ''
                  : `đạt ${vnNumber(f.advancedConcentrated.percent)}% chỉ tiêu (${vnNumber(f.advancedConcentrated.quota)})`,
              ],
              [
                'Cao cấp lý luận chính trị hệ không tập trung mở tại tỉnh',
                vnNumber(f.advancedNonConcentrated.classes),
                vnNumber(f.advancedNonConcentrated.trainees),
                '',
              ],
              ['Hoàn chỉnh kiến thức cao cấp lý luận chính trị', '', vnNumber(f.advancedCompletion), ''],
              ['Đào tạo thạc sĩ ở nước ngoài', '', vnNumber(f.mastersAbroad), ''],
              [
                'Trung cấp lý luận chính trị hệ tập trung',
                vnNumber(intermediate.concentratedClasses),
                '',
                `bình quân ${vnNumber(intermediate.concentratedAverage, 1)} học viên/lớp`,
              ],
              [
                'Trung cấp lý luận chính trị hệ không tập trung',
                vnNumber(intermediate.nonConcentratedClasses),
                '',
                `bình quân ${vnNumber(intermediate.nonConcentratedAverage, 1)} học viên/lớp`,
              ],
              [
                'Tổng số lớp trung cấp lý luận chính trị',
                vnNumber(intermediate.classes),
                '',
                intermediate.cap === null ? '' : `tối đa ${vnNumber(intermediate.cap)} học viên/lớp`,
              ],
            ],
            [46, 14, 14, 26],
          ),

          heading('II. BỒI DƯỠNG CHUYÊN MÔN, NGHIỆP VỤ'),
          para(
            `Trong kỳ, toàn tỉnh đã tổ chức ${vnNumber(f.refreshers.classes)} lớp bồi dưỡng với tổng số ${vnNumber(f.refreshers.trainees)} học viên là cán bộ, công chức, viên chức.`,
          ),
          table(
            ['Loại hình bồi dưỡng', 'Số lớp', 'Số học viên'],
            [
              ...f.refreshers.rows.map((r) => [label(r.category), vnNumber(r.classes), vnNumber(r.trainees)]),
              ['Tổng cộng', vnNumber(f.refreshers.classes), vnNumber(f.refreshers.trainees)],
            ],
            [60, 20, 20],
          ),

          heading('III. CỬ CÁN BỘ THAM GIA CÁC LỚP BỒI DƯỠNG CỦA TRUNG ƯƠNG'),
          para(
            `Ban Thường vụ Tỉnh ủy xét, cử ${vnNumber(f.central.total)} lượt cán bộ tham gia các lớp bồi dưỡng theo kế hoạch của Ban Tổ chức Trung ương và Học viện.`,
          ),
          table(
            ['Lớp bồi dưỡng', 'Số cán bộ'],
            [
              ...f.central.rows.map((c) => [c.programmeName, vnNumber(c.trainees)]),
              ['Tổng cộng', vnNumber(f.central.total)],
            ],
            [80, 20],
          ),

          heading('IV. LUÂN CHUYỂN, ĐIỀU ĐỘNG CÁN BỘ'),
          para(
            `Toàn tỉnh đã thực hiện sắp xếp, bố trí kết hợp với luân chuyển ${vnNumber(f.rotations.cadres)} cán bộ (${vnNumber(f.rotations.moves)} quyết định luân chuyển).`,
          ),
          table(['Nội dung', 'Số cán bộ'], [['Cán bộ được luân chuyển', vnNumber(f.rotations.cadres)]], [80, 20]),

          heading('V. QUY HOẠCH CÁN BỘ'),
          para(
            `Rà soát, bổ sung và xây dựng quy hoạch: ${vnNumber(f.planning.entries)} lượt cán bộ được quy hoạch trong các nhiệm kỳ.`,
          ),
          table(
            ['Nhiệm kỳ', 'Lượt quy hoạch', 'Số cán bộ'],
            [
              ...f.planning.rows.map((t) => [t.termCode, vnNumber(t.entries), vnNumber(t.cadres)]),
              ['Tổng cộng', vnNumber(f.planning.entries), ''],
            ],
            [50, 25, 25],
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
