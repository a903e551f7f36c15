import { Scope } from '@cadres/core';
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { label, vnDate } from '../export/labels';
import type { ScopeCheck } from '../export/source';
import { FONTS } from './fonts';
import { drawTable } from './pdf-table';

interface Named {
  name: string;
}

export interface Dossier {
  id: string;
  fullName: string;
  otherNames: string | null;
  sex: string;
  dateOfBirth: string;
  placeOfBirth: string | null;
  hometown: string | null;
  ethnicity: string;
  category: string;
  grade: string | null;
  gradeSince: string | null;
  generalEducation: string | null;
  highestDegree: string | null;
  phone: string | null;
  email: string | null;
  retirementDate: string;
  orgUnit: Named;
  politicalTheoryLevel: string | null;
  stateManagementLevel: string | null;
  personalIdNumber?: string | null;
  religion?: string | null;
  partyAdmissionDate?: string | null;
  partyOfficialDate?: string | null;
  evaluations?: { year: number; rating: string }[] | null;
  currentAssignments: { title: Named; orgUnit: Named; startsOn: string }[];
  careerHistory: (
    | {
        __typename: 'Assignment';
        startsOn: string;
        endsOn: string | null;
        acting: boolean;
        cancelled: boolean;
        title: Named;
        orgUnit: Named;
      }
    | {
        __typename: 'Mobility';
        kind: string;
        startsOn: string;
        plannedEndOn: string | null;
        cancelled: boolean;
        fromOrgUnit: Named;
        toOrgUnit: Named;
      }
    | { __typename: 'Retirement'; on: string }
  )[];
  degrees: { level: string; field: string; institution: string; year: number }[];
  trainingHistory:
    | {
        status: string;
        mode: string;
        resultRating: string | null;
        certificateNumber: string | null;
        programme: Named;
        provider: Named;
        class: { code: string; startDate: string; endDate: string };
      }[]
    | null;
  planningHistory:
    | {
        status: string;
        readiness: string | null;
        addedDecisionNumber: string | null;
        addedOn: string | null;
        term: { code: string };
        title: Named | null;
      }[]
    | null;
}

/**
 * The dossier's query, with the sensitive fields the caller may read and no others: a VIEWER's
 * profile has none of them, and a partner's reads (and is audited for) what it was granted.
 */
export function dossierQuery(canRead: ScopeCheck): string {
  const sensitive = [
    canRead(Scope.PERSONAL_ID) ? 'personalIdNumber religion' : '',
    canRead(Scope.PARTY) ? 'partyAdmissionDate partyOfficialDate' : '',
    canRead(Scope.EVALUATION) ? 'evaluations { id year rating }' : '',
  ].join(' ');
  return `query ExportDossier($id: ID!) { cadre(id: $id) {
    id fullName otherNames sex dateOfBirth placeOfBirth hometown ethnicity category grade gradeSince generalEducation highestDegree phone email retirementDate
    orgUnit { id name } politicalTheoryLevel stateManagementLevel ${sensitive}
    currentAssignments { id startsOn title { id name } orgUnit { id name } }
    careerHistory(includeCancelled: false) { __typename
      ... on Assignment { id startsOn endsOn acting cancelled title { id name } orgUnit { id name } }
      ... on Mobility { id kind startsOn plannedEndOn cancelled fromOrgUnit { id name } toOrgUnit { id name } }
      ... on Retirement { on } }
    degrees { id level field institution year }
    trainingHistory { id status mode resultRating certificateNumber programme { id name } provider { id name } class { id code startDate endDate } }
    planningHistory { id status readiness addedDecisionNumber addedOn term { id code } title { id name } }
  } }`;
}

const EVALUATION: Record<string, string> = {
  EXCELLENT: 'Hoàn thành xuất sắc nhiệm vụ',
  GOOD: 'Hoàn thành tốt nhiệm vụ',
  COMPLETED: 'Hoàn thành nhiệm vụ',
  NOT_COMPLETED: 'Không hoàn thành nhiệm vụ',
};

const monthYear = (iso: string | null | undefined) => (iso ? `${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const span = (from: string, to: string | null | undefined) => `${monthYear(from)} – ${to ? monthYear(to) : 'nay'}`;

/**
 * The profile officials exchange (sơ yếu lý lịch, after the Ministry of Home Affairs' form 2C): the
 * state's heading, the numbered particulars of the record, then the career, training and planning
 * as tables, and the date it was drawn up. `printedOn` is the document's date (ISO).
 */
export function renderDossierPdf(dossier: Dossier, out: Writable, printedOn: string): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 60, right: 50 },
    info: { Title: `Sơ yếu lý lịch — ${dossier.fullName}`, Creator: 'cadres platform' },
    bufferPages: true,
  });
  doc.registerFont('regular', FONTS.regular());
  doc.registerFont('bold', FONTS.bold());
  doc.registerFont('italic', FONTS.italic());
  const fonts = { regular: 'regular', bold: 'bold' };
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('bold').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(15).text('SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC', { align: 'center' });
  doc.moveDown(1);

  const current = dossier.currentAssignments.map((a) => `${a.title.name}, ${a.orgUnit.name}`).join('; ');
  const line = (n: number, name: string, value: string) => {
    doc.font('regular').fontSize(11).text(`${n}) ${name}: `, { continued: true, width });
    doc.font('bold').text(value || '—');
  };
  let n = 0;
  line(++n, 'Họ và tên khai sinh', dossier.fullName.toLocaleUpperCase('vi'));
  line(++n, 'Tên gọi khác', dossier.otherNames ?? '');
  line(++n, 'Sinh ngày', `${vnDate(dossier.dateOfBirth)}    Giới tính: ${label(dossier.sex)}`);
  line(++n, 'Nơi sinh', dossier.placeOfBirth ?? '');
  line(++n, 'Quê quán', dossier.hometown ?? '');
  line(++n, 'Dân tộc', dossier.ethnicity);
  if (dossier.religion !== undefined) line(++n, 'Tôn giáo', dossier.religion ?? 'Không');
  if (dossier.personalIdNumber !== undefined) line(++n, 'Số định danh cá nhân', dossier.personalIdNumber ?? '');
  line(++n, 'Đơn vị công tác', dossier.orgUnit.name);
  line(++n, 'Chức vụ hiện tại', current);
  line(++n, 'Đối tượng', label(dossier.category));
  line(++n, 'Ngạch', dossier.grade ? `${label(dossier.grade)}, từ ${vnDate(dossier.gradeSince)}` : '');
  if (dossier.partyAdmissionDate !== undefined)
    line(
      ++n,
      'Ngày vào Đảng',
      `${vnDate(dossier.partyAdmissionDate)}    Ngày chính thức: ${vnDate(dossier.partyOfficialDate)}`,
    );
  line(++n, 'Trình độ giáo dục phổ thông', dossier.generalEducation ?? '');
  line(++n, 'Trình độ chuyên môn cao nhất', label(dossier.highestDegree));
  line(++n, 'Lý luận chính trị', label(dossier.politicalTheoryLevel));
  line(++n, 'Quản lý nhà nước', label(dossier.stateManagementLevel));
  line(++n, 'Ngày nghỉ hưu', vnDate(dossier.retirementDate));
  doc.moveDown(0.8);

  const heading = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.font('bold').fontSize(12).text(text, doc.page.margins.left, doc.y, { align: 'center', width });
    doc.moveDown(0.4);
  };

  heading('TÓM TẮT QUÁ TRÌNH CÔNG TÁC');
  drawTable(
    doc,
    [
      { header: 'Từ tháng, năm đến tháng, năm', width: 26 },
      { header: 'Chức danh, chức vụ, đơn vị công tác', width: 74 },
    ],
    dossier.careerHistory.map((event) => {
      switch (event.__typename) {
        case 'Assignment':
          return [
            span(event.startsOn, event.endsOn),
            `${event.acting ? 'Quyền ' : ''}${event.title.name}, ${event.orgUnit.name}`,
          ];
        case 'Mobility':
          return [
            span(event.startsOn, event.plannedEndOn),
            `${label(event.kind)} từ ${event.fromOrgUnit.name} đến ${event.toOrgUnit.name}`,
          ];
        case 'Retirement':
          return [monthYear(event.on), 'Nghỉ hưu'];
      }
    }),
    fonts,
  );

  heading('ĐÀO TẠO, BỒI DƯỠNG');
  drawTable(
    doc,
    [
      { header: 'Tên trường, cơ sở đào tạo', width: 28 },
      { header: 'Chuyên ngành, chương trình', width: 32 },
      { header: 'Thời gian', width: 16 },
      { header: 'Hình thức', width: 12 },
      { header: 'Văn bằng, kết quả', width: 16 },
    ],
    [
      ...dossier.degrees.map((d) => [d.institution, d.field, String(d.year), '', label(d.level)]),
      ...(dossier.trainingHistory ?? []).map((e) => [
        e.provider.name,
        `${e.programme.name} (lớp ${e.class.code})`,
        span(e.class.startDate, e.class.endDate),
        label(e.mode),
        [label(e.status), label(e.resultRating), e.certificateNumber ?? ''].filter(Boolean).join(', '),
      ]),
    ],
    fonts,
  );

  heading('QUY HOẠCH');
  drawTable(
    doc,
    [
      { header: 'Nhiệm kỳ', width: 14 },
      { header: 'Chức danh quy hoạch', width: 42 },
      { header: 'Quyết định', width: 24 },
      { header: 'Tình trạng', width: 20 },
    ],
    (dossier.planningHistory ?? []).map((p) => [
      p.term.code,
      p.title?.name ?? '',
      [p.addedDecisionNumber, vnDate(p.addedOn)].filter(Boolean).join(' ngày '),
      label(p.status),
    ]),
    fonts,
  );

  if (dossier.evaluations) {
    heading('KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI');
    drawTable(
      doc,
      [
        { header: 'Năm', width: 20 },
        { header: 'Xếp loại', width: 80 },
      ],
      [...dossier.evaluations]
        .sort((a, b) => a.year - b.year)
        .map((e) => [String(e.year), EVALUATION[e.rating] ?? e.rating]),
      fonts,
    );
  }

  doc.moveDown(1);
  doc
    .font('italic')
    .fontSize(11)
    .text(`Lập ngày ${vnDate(printedOn)}, từ hồ sơ trên hệ thống quản lý cán bộ.`, { align: 'right', width });

  // Page numbers, once every page exists.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .text(`Trang ${i + 1}/${pages.count}`, doc.page.margins.left, doc.page.height - 35, { align: 'center', width });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
