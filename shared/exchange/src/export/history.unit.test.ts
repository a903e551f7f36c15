import { Scope } from '@cadres/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KINDS, type ImportKindName } from '../columns';
import { openSpreadsheet } from '../read';
import { validateRows } from '../validate';
import { careerEventsSource, classRostersSource, planningListsSource } from './history';
import type { ExportSource, ScopeCheck } from './source';
import { tableWriter, type TableFormat } from './table';

const ALL: ScopeCheck = () => true;
const VIEWER: ScopeCheck = () => false;
let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'history-export-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const decision = {
  id: 'd1',
  number: '12-QĐ/TU',
  signedOn: '2024-03-01',
  effectiveOn: '2024-03-15',
  signingAuthority: 'Ban Thường vụ Tỉnh ủy',
  legalBasis: 'Quy định 80-QĐ/TW',
  subject: 'Bổ nhiệm, luân chuyển',
};
const cadre = { id: 'c1', personalIdNumber: '011066000482', fullName: 'Bùi A Hùng' };
const other = { id: 'c2', personalIdNumber: '011076000187', fullName: 'Vàng Văn Sơn' };
const page = (node: Record<string, unknown>) => ({
  cadres: { edges: [{ node }], pageInfo: { hasNextPage: false, endCursor: null } },
});

/** Writes the source's rows as the gateway does, then reads the file back through the import's reader and validator. */
async function roundTrip<Row>(
  kind: ImportKindName,
  source: ExportSource<Row>,
  answer: unknown,
  format: TableFormat,
): Promise<Record<string, unknown>[]> {
  const path = join(dir, `${kind}.${format}`);
  const out = createWriteStream(path);
  const writer = tableWriter(format, source.columns, out, source.sheetName);
  await writer.write(source.rows(answer));
  await writer.end();
  const rows: Record<string, unknown>[] = [];
  for await (const row of validateRows(KINDS[kind], (await openSpreadsheet(path)).rows)) {
    expect(row.problems).toEqual([]);
    rows.push(row.values);
  }
  return rows;
}

describe.each(['csv', 'xlsx'] as const)('history exports read back by the import (%s)', (format) => {
  it('career events: one row per decision applied, the title and unit codes, the decision; cancelled and retirement left out', async () => {
    const source = careerEventsSource({}, ALL);
    expect(source.columns.map((c) => c.header)).toEqual(CAREER_HEADERS);
    const answer = page({
      ...cadre,
      careerHistory: [
        {
          __typename: 'Mobility',
          kind: 'ROTATION',
          purpose: 'Đào tạo, rèn luyện',
          plannedEndOn: '2027-03-14',
          cancelled: false,
          toOrgUnit: { code: 'DB-X-31' },
          decision: { ...decision, number: '13-QĐ/TU' },
        },
        {
          __typename: 'Assignment',
          title: { code: 'DIST-PARTY-DEPUTY' },
          orgUnit: { code: 'DB-H-01' },
          appointments: [
            {
              kind: 'FIRST',
              cancelled: false,
              decision: { ...decision, effectiveOn: '2019-01-01', signedOn: '2018-12-20' },
            },
            { kind: 'REAPPOINTMENT', cancelled: true, decision: { ...decision, number: '99-QĐ/TU' } },
          ],
        },
        { __typename: 'Retirement' },
      ],
    });
    expect(await roundTrip('career-events', source, answer, format)).toEqual([
      {
        personalIdNumber: cadre.personalIdNumber,
        fullName: cadre.fullName,
        event: 'FIRST',
        titleCode: 'DIST-PARTY-DEPUTY',
        orgUnitCode: 'DB-H-01',
        purpose: null,
        plannedEndOn: null,
        decisionNumber: '12-QĐ/TU',
        signedOn: '2018-12-20',
        effectiveOn: '2019-01-01',
        signingAuthority: decision.signingAuthority,
        legalBasis: decision.legalBasis,
        subject: decision.subject,
      },
      {
        personalIdNumber: cadre.personalIdNumber,
        fullName: cadre.fullName,
        event: 'ROTATION',
        titleCode: null,
        orgUnitCode: 'DB-X-31',
        purpose: 'Đào tạo, rèn luyện',
        plannedEndOn: '2027-03-14',
        decisionNumber: '13-QĐ/TU',
        signedOn: decision.signedOn,
        effectiveOn: decision.effectiveOn,
        signingAuthority: decision.signingAuthority,
        legalBasis: decision.legalBasis,
        subject: decision.subject,
      },
    ]);
  });

  it('class rosters: class code, ID number, status and result as the template labels them', async () => {
    const source = classRostersSource({}, ALL);
    const answer = page({
      ...cadre,
      trainingHistory: [
        { status: 'STUDYING', resultRating: null, certificateNumber: null, class: { code: 'TC-TT-07' } },
        { status: 'COMPLETED', resultRating: 'GOOD', certificateNumber: 'TC-TT-05/477', class: { code: 'TC-TT-05' } },
      ],
    });
    const identity = { personalIdNumber: cadre.personalIdNumber, fullName: cadre.fullName };
    expect(await roundTrip('class-rosters', source, answer, format)).toEqual([
      {
        classCode: 'TC-TT-05',
        ...identity,
        status: 'COMPLETED',
        resultRating: 'GOOD',
        certificateNumber: 'TC-TT-05/477',
      },
      {
        classCode: 'TC-TT-07',
        ...identity,
        status: 'STUDYING',
        resultRating: null,
        certificateNumber: null,
      },
    ]);
  });

  it("planning lists: term, title and unit codes, each status with its own decision, one term's or all", async () => {
    const entry = {
      source: 'INTERNAL',
      readiness: 'READY_NOW',
      candidateRank: 1,
      addedDecisionNumber: '5-QĐ/TU',
      addedOn: '2021-05-04',
      removedDecisionNumber: null,
      removedOn: null,
      realisedDecisionNumber: null,
      realisedOn: null,
      removalReason: null,
      cadre,
    };
    const answer = {
      orgUnits: [{ id: 'u1', code: 'DB-H-01' }],
      terms: [
        {
          code: '2025-2030',
          plannedTitles: [
            {
              orgUnitId: 'u1',
              title: { code: 'DIST-CHAIR' },
              candidates: [
                {
                  ...entry,
                  status: 'REMOVED',
                  candidateRank: 2,
                  removedDecisionNumber: '9-QĐ/TU',
                  removedOn: '2026-06-30',
                  removalReason: 'OVER_AGE',
                  cadre: other,
                },
                { ...entry, status: 'APPROVED' },
                // Outside an ORGANIZER's units: no cadre, no row.
                { ...entry, status: 'PROPOSED', cadre: null },
              ],
            },
          ],
        },
        {
          code: '2020-2025',
          plannedTitles: [
            {
              orgUnitId: null,
              title: { code: 'PROV-VICE' },
              candidates: [
                { ...entry, status: 'REALISED', realisedDecisionNumber: '7-QĐ/TU', realisedOn: '2023-01-01' },
              ],
            },
          ],
        },
      ],
    };
    const common = {
      personalIdNumber: cadre.personalIdNumber,
      fullName: cadre.fullName,
      source: 'INTERNAL',
      readiness: 'READY_NOW',
    };
    const realised = {
      termCode: '2020-2025',
      titleCode: 'PROV-VICE',
      orgUnitCode: null,
      ...common,
      candidateRank: 1,
      status: 'REALISED',
      decisionNumber: '7-QĐ/TU',
      decisionDate: '2023-01-01',
      removalReason: null,
    };
    const unit = { termCode: '2025-2030', titleCode: 'DIST-CHAIR', orgUnitCode: 'DB-H-01', ...common };
    expect(await roundTrip('planning-lists', planningListsSource({}, ALL), answer, format)).toEqual([
      realised,
      {
        ...unit,
        candidateRank: 1,
        status: 'APPROVED',
        decisionNumber: '5-QĐ/TU',
        decisionDate: '2021-05-04',
        removalReason: null,
      },
      {
        ...unit,
        candidateRank: 2,
        status: 'REMOVED',
        decisionNumber: '9-QĐ/TU',
        decisionDate: '2026-06-30',
        removalReason: 'OVER_AGE',
        personalIdNumber: other.personalIdNumber,
        fullName: other.fullName,
      },
    ]);
    // STT numbers the file's rows in order (the import reads past it).
    expect(
      planningListsSource({}, ALL)
        .rows(answer)
        .map((r) => r.rowNumber),
    ).toEqual([1, 2, 3]);
    const one = await roundTrip('planning-lists', planningListsSource({ term: '2020-2025' }, ALL), answer, format);
    expect(one).toEqual([realised]);
  });
});

const CAREER_HEADERS = KINDS['career-events'].columns.map((c) => c.header);

describe('history exports within the caller’s fields', () => {
  it('without pii:read the ID number is neither asked for nor written; without discipline and evaluation, no removal reason', () => {
    for (const source of [
      careerEventsSource({}, VIEWER),
      classRostersSource({}, VIEWER),
      planningListsSource({}, VIEWER),
    ]) {
      expect(source.query).not.toContain('personalIdNumber');
      expect(source.columns.map((c) => c.header)).not.toContain('Số định danh cá nhân');
    }
    const planning = planningListsSource({}, (scope) => scope === Scope.PERSONAL_ID);
    expect(planning.query).not.toContain('removalReason');
    expect(planning.columns.map((c) => c.header)).not.toContain('Lý do đưa ra khỏi quy hoạch');
    expect(planningListsSource({}, ALL).query).toContain('removalReason');
    // A partner reads no decision: none asked for, no decision column.
    const partner = careerEventsSource({}, ALL, false);
    expect(partner.query).not.toContain('decision');
    expect(partner.columns.map((c) => c.header)).toEqual(
      CAREER_HEADERS.filter(
        (h) => !['Số quyết định', 'Ngày ký', 'Ngày hiệu lực', 'Cơ quan ban hành', 'Căn cứ', 'Trích yếu'].includes(h),
      ),
    );
  });

  it('the cadre filter of the URL applies to career events and rosters, and a bad one is refused', () => {
    expect(careerEventsSource({ sex: 'FEMALE', orderBy: 'PERSONAL_ID_NUMBER' }, ALL).variables).toEqual({
      filter: { sex: 'FEMALE' },
      orderBy: { field: 'PERSONAL_ID_NUMBER', direction: 'ASC' },
      first: 200,
    });
    expect(() => classRostersSource({ sex: 'X' }, ALL)).toThrow('"sex" must be one of');
  });

  it('an unknown term is refused, naming it', () => {
    expect(() => planningListsSource({ term: '1990-1995' }, ALL).rows({ orgUnits: [], terms: [] })).toThrow(
      'No term "1990-1995".',
    );
  });
});

describe('the planning list’s key', () => {
  async function duplicates(rows: (string | null)[][]): Promise<number[]> {
    async function* raw() {
      yield {
        rowNumber: 1,
        cells: ['Nhiệm kỳ', 'Mã chức danh quy hoạch', 'Mã đơn vị', 'Số định danh cá nhân'].map((value) => ({ value })),
      };
      for (const [i, cells] of rows.entries()) yield { rowNumber: i + 2, cells: cells.map((value) => ({ value })) };
    }
    const found: number[] = [];
    for await (const row of validateRows(KINDS['planning-lists'], raw()))
      if (row.problems.some((p) => p.code === 'DUPLICATE_IN_FILE')) found.push(row.row);
    return found;
  }

  it('one title planned in two units is two rows; the same unit twice, or no unit twice, is a duplicate', async () => {
    const id = '011066000482';
    expect(
      await duplicates([
        ['2025-2030', 'COMM-CHAIR', 'DB-X-01', id],
        ['2025-2030', 'COMM-CHAIR', 'DB-X-02', id],
        ['2025-2030', 'COMM-CHAIR', 'DB-X-02', id],
        ['2025-2030', 'PROV-VICE', null, id],
        ['2025-2030', 'PROV-VICE', null, id],
      ]),
    ).toEqual([4, 6]);
  });
});
