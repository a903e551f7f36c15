import { CAREER_EVENT_COLUMNS } from '../columns/career-events';
import { CLASS_ROSTER_COLUMNS } from '../columns/class-rosters';
import { PLANNING_LIST_COLUMNS } from '../columns/planning-lists';
import type { RowValues } from '../write-rows';
import { cadrePagesSource } from './cadre-list';
import { columnReadable, kindExportColumns, rowNumberer, type KindRow } from './kind-columns';
import { defined, ExportParameterError, stringParameter, type ExportSource, type ScopeCheck } from './source';

/*
 * The province's history in the import templates' layouts (career events, class rosters, planning
 * lists): the same headers, codes and keys, so that a file exported here imports back and the next
 * export of the importing database is the same file (tests/e2e/import-round-trip.e2e.test.ts).
 * Each reads through the gateway as the caller, so their units, fields and audit hold as for the
 * cadre list; the ID number (the files' key) needs pii:read, and without it the column is left out.
 */

interface DecisionFields {
  number: string;
  signedOn: string;
  effectiveOn: string;
  signingAuthority: string;
  legalBasis: string;
  subject: string;
}

interface CareerCadre {
  personalIdNumber?: string | null;
  fullName: string;
  careerHistory: (
    | {
        __typename: 'Assignment';
        title: { code: string };
        orgUnit: { code: string };
        appointments: { kind: string; cancelled: boolean; decision?: DecisionFields | null }[];
      }
    | {
        __typename: 'Mobility';
        kind: string;
        purpose: string;
        plannedEndOn: string | null;
        cancelled: boolean;
        toOrgUnit: { code: string };
        decision?: DecisionFields | null;
      }
    | { __typename: 'Retirement' }
  )[];
}

const DECISION_SELECTION = 'decision { id number signedOn effectiveOn signingAuthority legalBasis subject }';
const DECISION_KEYS = ['decisionNumber', 'signedOn', 'effectiveOn', 'signingAuthority', 'legalBasis', 'subject'];

function identityOf(cadre: { personalIdNumber?: string | null; fullName: string }): RowValues {
  return { personalIdNumber: cadre.personalIdNumber ?? null, fullName: cadre.fullName };
}

function decisionColumns(decision: DecisionFields | null | undefined): RowValues {
  return decision
    ? {
        decisionNumber: decision.number,
        signedOn: decision.signedOn,
        effectiveOn: decision.effectiveOn,
        signingAuthority: decision.signingAuthority,
        legalBasis: decision.legalBasis,
        subject: decision.subject,
      }
    : {};
}

/** The cadre fields every history file starts with: the key (if the caller may read it) and the name it is checked against. */
function cadreSelection(canRead: ScopeCheck): string {
  const idColumn = CAREER_EVENT_COLUMNS.columns.find((c) => c.key === 'personalIdNumber');
  return idColumn && columnReadable(idColumn, canRead) ? 'id personalIdNumber fullName' : 'id fullName';
}

/**
 * Career events (bổ nhiệm, luân chuyển, điều động, biệt phái) with their decisions, one row per
 * decision applied to a cadre, in the order of their effect: every cadre the `cadres` filter
 * matches (the same URL parameters), a page of 200 at a time. What a cancelled decision did is left
 * out (it never took effect, and the import would refuse it `DECISION_CANCELLED`); so is
 * retirement, which is computed, never recorded.
 */
export function careerEventsSource(
  params: Record<string, string | undefined>,
  canRead: ScopeCheck,
  readsDecisions = true,
): ExportSource<KindRow> {
  const number = rowNumberer();
  // A partner agency may not read decisions (personnel answers them null with FORBIDDEN, which would
  // refuse the whole file): its file has no decision column and its query asks for none.
  const decision = readsDecisions ? DECISION_SELECTION : '';
  return cadrePagesSource(
    params,
    {
      fileName: 'qua-trinh-cong-tac',
      sheetName: CAREER_EVENT_COLUMNS.sheetName,
      columns: kindExportColumns(CAREER_EVENT_COLUMNS, canRead, readsDecisions ? [] : DECISION_KEYS),
    },
    `${cadreSelection(canRead)} careerHistory(includeCancelled: false) {
      __typename
      ... on Assignment { id title { id code } orgUnit { id code } appointments { id kind cancelled ${decision} } }
      ... on Mobility { id kind purpose plannedEndOn cancelled toOrgUnit { id code } ${decision} }
    }`,
    (cadres) =>
      number(
        (cadres as unknown as CareerCadre[]).flatMap((cadre) =>
          cadre.careerHistory
            .flatMap((event): RowValues[] => {
              if (event.__typename === 'Assignment')
                return event.appointments
                  .filter((a) => !a.cancelled)
                  .map((a) => ({
                    event: a.kind,
                    titleCode: event.title.code,
                    orgUnitCode: event.orgUnit.code,
                    ...decisionColumns(a.decision),
                  }));
              if (event.__typename === 'Mobility' && !event.cancelled)
                return [
                  {
                    event: event.kind,
                    orgUnitCode: event.toOrgUnit.code,
                    purpose: event.purpose,
                    plannedEndOn: event.plannedEndOn,
                    ...decisionColumns(event.decision),
                  },
                ];
              return [];
            })
            // By effect, then signature and number: one order for two databases holding the same career.
            .sort((a, b) => compareKeys(a, b, ['effectiveOn', 'signedOn', 'decisionNumber', 'event']))
            .map((row) => ({ ...identityOf(cadre), ...row })),
        ),
      ),
  );
}

interface RosterCadre {
  personalIdNumber?: string | null;
  fullName: string;
  trainingHistory:
    { status: string; resultRating: string | null; certificateNumber: string | null; class: { code: string } }[] | null;
}

/**
 * Class rosters with results, one row per trainee and class, cadre by cadre (the `cadres` filter
 * picks whose), each cadre's classes by code. The import takes the rows in any order.
 */
export function classRostersSource(
  params: Record<string, string | undefined>,
  canRead: ScopeCheck,
): ExportSource<KindRow> {
  const number = rowNumberer();
  return cadrePagesSource(
    params,
    {
      fileName: 'danh-sach-hoc-vien',
      sheetName: CLASS_ROSTER_COLUMNS.sheetName,
      columns: kindExportColumns(CLASS_ROSTER_COLUMNS, canRead),
    },
    `${cadreSelection(canRead)} trainingHistory { id status resultRating certificateNumber class { id code } }`,
    (cadres) =>
      number(
        (cadres as unknown as RosterCadre[]).flatMap((cadre) =>
          (cadre.trainingHistory ?? [])
            .map((e) => ({
              classCode: e.class.code,
              ...identityOf(cadre),
              status: e.status,
              resultRating: e.resultRating,
              certificateNumber: e.certificateNumber,
            }))
            .sort((a, b) => compareKeys(a, b, ['classCode'])),
        ),
      ),
  );
}

interface PlanningCandidate {
  status: string;
  source: string;
  readiness: string | null;
  candidateRank: number | null;
  addedDecisionNumber: string | null;
  addedOn: string | null;
  removedDecisionNumber: string | null;
  removedOn: string | null;
  realisedDecisionNumber: string | null;
  realisedOn: string | null;
  removalReason?: string | null;
  cadre: { personalIdNumber?: string | null; fullName: string } | null;
}

interface UnitNode {
  id: string;
  code: string;
  children?: UnitNode[];
}

interface PlanningAnswer {
  orgUnits: UnitNode[];
  terms: {
    code: string;
    plannedTitles: { orgUnitId: string | null; title: { code: string } | null; candidates: PlanningCandidate[] }[];
  }[];
}

/**
 * The unit tree's codes, its four levels (central, province, district, commune) from the top:
 * `orgUnits` answers the top alone, and a planned title names its unit by id.
 */
const UNIT_TREE = 'id code children { id code children { id code children { id code } } }';

function unitsOf(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...unitsOf(node.children ?? [])]);
}

/** The decision a planning row cites is its status's: the approval's, the removal's or the realisation's. */
function planningDecision(c: PlanningCandidate): RowValues {
  switch (c.status) {
    case 'APPROVED':
      return { decisionNumber: c.addedDecisionNumber, decisionDate: c.addedOn };
    case 'REMOVED':
      return { decisionNumber: c.removedDecisionNumber, decisionDate: c.removedOn };
    case 'REALISED':
      return { decisionNumber: c.realisedDecisionNumber, decisionDate: c.realisedOn };
    default:
      return {};
  }
}

/**
 * Planning lists (danh sách quy hoạch) by term (`?term=2025-2030`, or every term), one row per
 * candidate and planned title, by term, title code, unit code and rank. Candidates are what the
 * caller may see of them (an ORGANIZER their own cadres only, as `candidates` answers); the removal
 * reason needs discipline:read and evaluation:read, as the field does.
 */
export function planningListsSource(
  params: Record<string, string | undefined>,
  canRead: ScopeCheck,
): ExportSource<KindRow> {
  const termCode = stringParameter(params, 'term');
  const reason = PLANNING_LIST_COLUMNS.columns.find((c) => c.key === 'removalReason');
  const withReason = reason !== undefined && columnReadable(reason, canRead);
  const number = rowNumberer();
  return {
    fileName: termCode ? `danh-sach-quy-hoach-${termCode}` : 'danh-sach-quy-hoach',
    sheetName: PLANNING_LIST_COLUMNS.sheetName,
    columns: kindExportColumns(PLANNING_LIST_COLUMNS, canRead),
    query: `query ExportPlanningLists {
      orgUnits { ${UNIT_TREE} }
      terms { id code plannedTitles { id orgUnitId title { id code } candidates {
        id status source readiness candidateRank addedDecisionNumber addedOn removedDecisionNumber removedOn
        realisedDecisionNumber realisedOn ${withReason ? 'removalReason' : ''} cadre { ${cadreSelection(canRead)} }
      } } }
    }`,
    variables: {},
    rows: (data) => {
      const { orgUnits, terms } = data as PlanningAnswer;
      const unitCode = new Map(unitsOf(orgUnits).map((u) => [u.id, u.code]));
      const chosen = termCode ? terms.filter((t) => t.code === termCode) : terms;
      if (termCode && !chosen.length) throw new ExportParameterError('term', `No term "${termCode}".`);
      const rows = chosen.flatMap((term) =>
        term.plannedTitles.flatMap((planned) =>
          planned.candidates
            // A candidate outside the caller's units comes without its cadre: not the caller's to list.
            .filter((c) => c.cadre !== null)
            .map(
              (c): RowValues =>
                defined({
                  termCode: term.code,
                  titleCode: planned.title?.code ?? null,
                  orgUnitCode: planned.orgUnitId ? (unitCode.get(planned.orgUnitId) ?? null) : null,
                  ...identityOf(c.cadre ?? { fullName: '' }),
                  source: c.source,
                  readiness: c.readiness,
                  candidateRank: c.candidateRank,
                  status: c.status,
                  ...planningDecision(c),
                  removalReason: c.removalReason ?? null,
                }) as RowValues,
            ),
        ),
      );
      return number(
        rows.sort((a, b) =>
          compareKeys(a, b, ['termCode', 'titleCode', 'orgUnitCode', 'candidateRank', 'personalIdNumber', 'fullName']),
        ),
      );
    },
  };
}

/** Orders rows by these keys in turn; an empty value last; numbers as numbers, text by code point (no locale: codes and IDs). */
function compareKeys(a: RowValues, b: RowValues, keys: readonly string[]): number {
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
