import { label, vnDate } from './labels';
import { ExportParameterError, stringParameter, type ExportSource } from './source';

interface Candidate {
  candidateRank: number | null;
  readiness: string | null;
  status: string;
  addedDecisionNumber: string | null;
  addedOn: string | null;
  cadre: { fullName: string; dateOfBirth: string; sex: string; ethnicity: string; orgUnit: { name: string } } | null;
}

interface PlannedTitle {
  titleLevel: string;
  title: { name: string } | null;
  candidates: Candidate[];
}

interface PlanningListRow {
  termCode: string;
  title: string;
  level: string;
  candidate: Candidate;
}

interface TermsAnswer {
  terms: { code: string; plannedTitles: PlannedTitle[] }[];
}

/**
 * A term's planning list (danh sách quy hoạch) as the committee files it: one line per candidate
 * of each planned title, by title then rank. Candidates are what the caller may see of them (an
 * ORGANIZER their own cadres only, as `candidates` answers), a PARTNER nothing.
 */
export function planningListSource(params: Record<string, string | undefined>): ExportSource<PlanningListRow> {
  const termCode = stringParameter(params, 'term', true)!;
  return {
    fileName: `danh-sach-quy-hoach-${termCode}`,
    sheetName: `Quy hoạch ${termCode}`.slice(0, 31),
    query: `query ExportPlanningList {
      terms { id code plannedTitles { id titleLevel title { id name } candidates { id candidateRank readiness status addedDecisionNumber addedOn cadre { id fullName dateOfBirth sex ethnicity orgUnit { id name } } } } }
    }`,
    variables: {},
    columns: [
      { header: 'Nhiệm kỳ', value: (r) => r.termCode },
      { header: 'Chức danh quy hoạch', value: (r) => r.title, width: 40 },
      { header: 'Cấp', value: (r) => label(r.level) },
      { header: 'Thứ tự', value: (r) => r.candidate.candidateRank },
      { header: 'Họ và tên', value: (r) => r.candidate.cadre?.fullName ?? '', width: 26 },
      { header: 'Ngày sinh', value: (r) => vnDate(r.candidate.cadre?.dateOfBirth) },
      { header: 'Giới tính', value: (r) => label(r.candidate.cadre?.sex) },
      { header: 'Dân tộc', value: (r) => r.candidate.cadre?.ethnicity ?? '' },
      { header: 'Đơn vị công tác', value: (r) => r.candidate.cadre?.orgUnit.name ?? '', width: 36 },
      { header: 'Mức độ sẵn sàng', value: (r) => label(r.candidate.readiness) },
      { header: 'Trạng thái', value: (r) => label(r.candidate.status) },
      { header: 'Số quyết định', value: (r) => r.candidate.addedDecisionNumber, width: 20 },
      { header: 'Ngày quyết định', value: (r) => vnDate(r.candidate.addedOn) },
    ],
    rows: (data) => {
      const term = (data as TermsAnswer).terms.find((t) => t.code === termCode);
      if (!term) throw new ExportParameterError('term', `No term "${termCode}".`);
      const titles = [...term.plannedTitles].sort((a, b) =>
        (a.title?.name ?? '').localeCompare(b.title?.name ?? '', 'vi'),
      );
      return titles.flatMap((t) =>
        [...t.candidates]
          .sort(
            (a, b) =>
              (a.candidateRank ?? 99) - (b.candidateRank ?? 99) ||
              (a.cadre?.fullName ?? '').localeCompare(b.cadre?.fullName ?? '', 'vi'),
          )
          .map((candidate) => ({ termCode, title: t.title?.name ?? '', level: t.titleLevel, candidate })),
      );
    },
  };
}
