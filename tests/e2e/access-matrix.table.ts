import { Role, Scope } from '@cadres/core';
import { randomUUID } from 'node:crypto';

/**
 * The tables the access matrix (access-matrix.e2e.test.ts) is generated from: who calls, which
 * paths reach a cadre, a decision, an enrollment or a planning entry, and what each caller must get
 * on each path for a record inside their commune ("in") and one outside it ("out").
 */
export type Side = 'in' | 'out';

/**
 * DATA: the record is in the answer, no error. NOT_FOUND: null with NOT_FOUND only, and for an id
 * the answer is exactly that of an id nobody has. FORBIDDEN: refused with FORBIDDEN only, nothing of
 * the record in the answer. ABSENT: left out of a list (other rows may carry their own refusals).
 * ALLOWED: a write the policy lets through (it may still break a business rule on its payload).
 */
export type Outcome = 'DATA' | 'NOT_FOUND' | 'FORBIDDEN' | 'ABSENT' | 'ALLOWED';

export interface Caller {
  name: string;
  role: Role;
  scopes: string[];
}

/** Every role; a partner without scopes, with each scope alone, and with all of them. */
export const CALLERS: Caller[] = [
  { name: 'ADMIN', role: Role.ADMIN, scopes: [] },
  { name: 'ORGANIZER', role: Role.ORGANIZER, scopes: [] },
  { name: 'VIEWER', role: Role.VIEWER, scopes: [] },
  { name: 'PARTNER', role: Role.PARTNER, scopes: [] },
  ...Object.values(Scope).map((scope) => ({ name: `PARTNER+${scope}`, role: Role.PARTNER, scopes: [scope] })),
  { name: 'PARTNER+all', role: Role.PARTNER, scopes: Object.values(Scope) },
];

/** One side's records: a cadre holding a post today, in the planning and nominated to a class. */
export interface Fixture {
  side: Side;
  unitId: string;
  cadreId: string;
  fullName: string;
  personalIdNumber: string;
  assignmentId: string;
  titleId: string;
  decisionId: string;
  entryId: string;
  entryTitleId: string;
  /** An open candidacy (a removed entry is no longer a candidate). */
  candidateEntryId: string;
  candidatePlannedTitleId: string;
  plannedTitleId: string;
  termId: string;
  termCode: string;
  enrollmentId: string;
  classId: string;
  programmeId: string;
}

type Data = Record<string, unknown> | null;

export interface Path {
  name: string;
  query: string;
  variables(f: Fixture): Record<string, unknown>;
  /** The same question about a record nobody has (for lookups: out of scope must answer the same). */
  nonexistent?(f: Fixture): Record<string, unknown>;
  /** Whether the record (or the sensitive value) is in the answer. */
  found(data: Data, f: Fixture): boolean;
  /**
   * How this path says "no such thing" when the thing is a field of a form: BAD_USER_INPUT naming
   * the field with reason NOT_FOUND (as for any other invalid field). NOT_FOUND otherwise.
   */
  notFoundCode?: string;
  /** The codes of a write's payload errors. */
  payloadCodes?(data: Data): string[];
  /** Whether the path is about one record (then each caller gets an in and an out cell). */
  sided: boolean;
  write?: boolean;
  expect(caller: Caller, side: Side): Outcome;
}

// ── what each kind of path must answer ─────────────────────────────────────────────────────────

const isAdmin = (c: Caller) => c.role === Role.ADMIN;
const isPartner = (c: Caller) => c.role === Role.PARTNER;
/** Holds every scope (ADMIN and ORGANIZER read sensitive fields; VIEWER none; PARTNER as granted). */
const granted = (c: Caller, scopes: string[]) =>
  scopes.length === 0 ||
  c.role === Role.ADMIN ||
  c.role === Role.ORGANIZER ||
  (isPartner(c) && scopes.every((s) => c.scopes.includes(s)));

/** A root lookup by id of a plain record. */
const lookup = (c: Caller, side: Side): Outcome => (isAdmin(c) || side === 'in' ? 'DATA' : 'NOT_FOUND');
/** A list: out-of-scope rows are left out. */
const list = (c: Caller, side: Side): Outcome => (isAdmin(c) || side === 'in' ? 'DATA' : 'ABSENT');
/** A field of a cadre fetched with cadre(id): the cadre itself is not found out of scope. */
const nested =
  (scopes: string[] = []) =>
  (c: Caller, side: Side): Outcome =>
    !isAdmin(c) && side === 'out' ? 'NOT_FOUND' : granted(c, scopes) ? 'DATA' : 'FORBIDDEN';
/** A root lookup that needs scopes (by ID number): refused without them, before existence is told. */
const scopedLookup =
  (scopes: string[]) =>
  (c: Caller, side: Side): Outcome =>
    !granted(c, scopes) ? 'FORBIDDEN' : lookup(c, side);
/** Staff records (decisions, plans, candidate lists, planning checks): never for a partner. */
const staffLookup = (c: Caller, side: Side): Outcome => (isPartner(c) ? 'FORBIDDEN' : lookup(c, side));
const staffList = (c: Caller, side: Side): Outcome => (isPartner(c) ? 'FORBIDDEN' : list(c, side));
const staffNested = (c: Caller, side: Side): Outcome =>
  !isAdmin(c) && side === 'out' ? 'NOT_FOUND' : isPartner(c) ? 'FORBIDDEN' : 'DATA';
/** A staff field nested in a list: a partner is refused it on the rows it sees, and never sees the others. */
const staffNestedList = (c: Caller, side: Side): Outcome =>
  isPartner(c) ? (side === 'in' ? 'FORBIDDEN' : 'ABSENT') : list(c, side);
const statistic = (c: Caller): Outcome => (isPartner(c) ? 'FORBIDDEN' : 'DATA');
const adminOnly = (c: Caller): Outcome => (isAdmin(c) ? 'DATA' : 'FORBIDDEN');
/** A write about a record: by ADMIN anywhere, by ORGANIZER in their subtree; out of it, as if it did not exist. */
const scopedWrite = (c: Caller, side: Side): Outcome =>
  isAdmin(c) ? 'ALLOWED' : c.role !== Role.ORGANIZER ? 'FORBIDDEN' : side === 'in' ? 'ALLOWED' : 'NOT_FOUND';
const anyWriter = (c: Caller): Outcome => (isAdmin(c) || c.role === Role.ORGANIZER ? 'ALLOWED' : 'FORBIDDEN');
/** Province-wide reference data (terms, programmes, providers, classes): ADMIN only. */
const adminWrite = (c: Caller): Outcome => (isAdmin(c) ? 'ALLOWED' : 'FORBIDDEN');

// ── how to find a record in an answer ─────────────────────────────────────────────────────────

const contains = (data: Data, id: string) => data !== null && JSON.stringify(data).includes(id);
const randomPersonalId = () => `09${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
const cadreOf = (data: Data) => (data?.cadre ?? null) as Record<string, unknown> | null;
const present = (value: unknown) => value !== null && value !== undefined;
/** The sensitive value of the fixture's own row in a dossier list (its enrollment, its planning entry). */
const rowField = (data: Data, list: string, id: string, field: string) =>
  present(((cadreOf(data)?.[list] ?? []) as Record<string, unknown>[]).find((row) => row.id === id)?.[field]);
const payloadCodesOf = (field: string) => (data: Data) =>
  ((data?.[field] as { errors?: { code: string }[] } | null)?.errors ?? []).map((e) => e.code);

const byId = (key: keyof Fixture) => (f: Fixture) => ({ id: f[key] });
const randomId = () => ({ id: randomUUID() });

/** A sensitive field of a cadre read through cadre(id). */
function sensitive(
  name: string,
  selection: string,
  scopes: string[],
  found: (data: Data, f: Fixture) => boolean,
): Path {
  return {
    name: `cadre.${name}`,
    query: `query ($id: ID!) { cadre(id: $id) { id ${selection} } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found,
    sided: true,
    expect: nested(scopes),
  };
}

const cadreField = (field: string) => (data: Data) => present(cadreOf(data)?.[field]);

export const PATHS: Path[] = [
  // ── cadres ──
  {
    name: 'cadre(id)',
    query: `query ($id: ID!) { cadre(id: $id) { id fullName } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: lookup,
  },
  {
    name: 'cadreByPersonalId',
    query: `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id } }`,
    variables: (f) => ({ n: f.personalIdNumber }),
    nonexistent: () => ({ n: randomPersonalId() }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: scopedLookup([Scope.PERSONAL_ID]),
  },
  {
    name: 'cadres(search)',
    query: `query ($s: String!) { cadres(first: 100, filter: { search: $s }) { edges { node { id } } } }`,
    variables: (f) => ({ s: f.fullName }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: list,
  },
  {
    name: 'cadres(orgUnitSubtree)',
    query: `query ($u: ID!) { cadres(first: 100, filter: { orgUnitSubtree: $u }) { edges { node { id } } } }`,
    variables: (f) => ({ u: f.unitId }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: list,
  },
  {
    name: 'cadresByIds',
    query: `query ($id: ID!) { cadresByIds(ids: [$id]) { id } }`,
    variables: byId('cadreId'),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: adminOnly,
  },
  {
    name: 'orgUnit.cadres',
    query: `query ($u: ID!) { orgUnit(id: $u) { id cadres { id } } }`,
    variables: (f) => ({ u: f.unitId }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: list,
  },
  {
    name: 'title.holders.cadre',
    query: `query ($t: ID!) { title(id: $t) { holders { id cadre { id } } } }`,
    variables: (f) => ({ t: f.titleId }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: list,
  },
  {
    name: 'titleHolders.cadre',
    query: `query ($t: ID!) { titleHolders(titleIds: [$t]) { id cadre { id } } }`,
    variables: (f) => ({ t: f.titleId }),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: list,
  },
  // Whose terms end when, with the decisions behind them: staff data, like decisions.
  {
    name: 'appointmentsExpiring.cadre',
    query: `{ appointmentsExpiring(withinDays: 3650) { id cadre { id } assignment { id } } }`,
    variables: () => ({}),
    found: (d, f) => contains(d, f.cadreId),
    sided: true,
    expect: staffList,
  },
  {
    name: 'cadre.careerHistory',
    query: `query ($id: ID!) { cadre(id: $id) { careerHistory { ... on Assignment { id } } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.assignmentId),
    sided: true,
    expect: nested(),
  },
  {
    name: 'cadre.currentAssignments',
    query: `query ($id: ID!) { cadre(id: $id) { currentAssignments { id } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.assignmentId),
    sided: true,
    expect: nested(),
  },
  {
    name: 'changeHistory(cadreId)',
    query: `query ($id: ID!) { changeHistory(cadreId: $id) { id cadreId } }`,
    variables: byId('cadreId'),
    found: (d) => Array.isArray(d?.changeHistory),
    sided: true,
    expect: adminOnly,
  },
  // ── enrollments (training, through _entities) ──
  {
    name: 'cadre.trainingHistory',
    query: `query ($id: ID!) { cadre(id: $id) { trainingHistory { id } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.enrollmentId),
    sided: true,
    expect: nested(),
  },
  {
    name: 'cadres.trainingHistory',
    query: `query ($s: String!) { cadres(first: 100, filter: { search: $s }) { edges { node { trainingHistory { id } } } } }`,
    variables: (f) => ({ s: f.fullName }),
    found: (d, f) => contains(d, f.enrollmentId),
    sided: true,
    expect: list,
  },
  // ── planning entries (planning, through _entities) ──
  {
    name: 'cadre.planningHistory',
    query: `query ($id: ID!) { cadre(id: $id) { planningHistory { id } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.entryId),
    sided: true,
    expect: nested(),
  },
  {
    name: 'cadres.planningHistory',
    query: `query ($s: String!) { cadres(first: 100, filter: { search: $s }) { edges { node { planningHistory { id } } } } }`,
    variables: (f) => ({ s: f.fullName }),
    found: (d, f) => contains(d, f.entryId),
    sided: true,
    expect: list,
  },
  {
    name: 'candidates(plannedTitleId)',
    query: `query ($p: ID!) { candidates(plannedTitleId: $p) { id cadre { id } } }`,
    variables: (f) => ({ p: f.candidatePlannedTitleId }),
    found: (d, f) => contains(d, f.candidateEntryId),
    sided: true,
    expect: staffList,
  },
  {
    name: 'terms.plannedTitles.candidates',
    query: `{ terms { plannedTitles { candidates { id } } } }`,
    variables: () => ({}),
    found: (d, f) => contains(d, f.candidateEntryId),
    sided: true,
    expect: staffList,
  },
  {
    name: 'planningCheck',
    query: `query ($c: ID!, $t: ID!) { planningCheck(cadreId: $c, titleId: $t, on: "2026-06-01") { plannedForTitle inPlanningPool } }`,
    variables: (f) => ({ c: f.cadreId, t: f.entryTitleId }),
    nonexistent: (f) => ({ c: randomUUID(), t: f.entryTitleId }),
    found: (d) => present(d?.planningCheck),
    sided: true,
    // It serves personnel's appointment rules: by cadre id it would answer for any cadre.
    expect: adminOnly,
  },
  // ── sensitive fields, each with its scopes ──
  sensitive('personalIdNumber', 'personalIdNumber', [Scope.PERSONAL_ID], cadreField('personalIdNumber')),
  sensitive('familyMembers', 'familyMembers { relation }', [Scope.FAMILY], cadreField('familyMembers')),
  sensitive('isPartyMember', 'isPartyMember', [Scope.PARTY], cadreField('isPartyMember')),
  sensitive('evaluations', 'evaluations { year }', [Scope.EVALUATION], cadreField('evaluations')),
  sensitive('disciplines', 'disciplines { id }', [Scope.DISCIPLINE], cadreField('disciplines')),
  sensitive(
    'trainingHistory.eligibility',
    'trainingHistory { id eligibility }',
    [Scope.PARTY, Scope.EVALUATION],
    (d, f) => rowField(d, 'trainingHistory', f.enrollmentId, 'eligibility'),
  ),
  sensitive(
    'planningHistory.removalReason',
    'planningHistory { id removalReason }',
    [Scope.DISCIPLINE, Scope.EVALUATION],
    (d, f) => rowField(d, 'planningHistory', f.entryId, 'removalReason'),
  ),
  sensitive(
    'planningHistory.reviewFlags',
    'planningHistory { id reviewFlags { reason } }',
    [Scope.DISCIPLINE, Scope.EVALUATION],
    (d, f) => rowField(d, 'planningHistory', f.entryId, 'reviewFlags'),
  ),
  sensitive(
    'planningHistory.standardsGap',
    'planningHistory { id standardsGap { meetsStandard } }',
    [Scope.STANDARDS_GAP],
    (d, f) => rowField(d, 'planningHistory', f.entryId, 'standardsGap'),
  ),
  // ── decisions ──
  {
    name: 'decision(id)',
    query: `query ($id: ID!) { decision(id: $id) { id number } }`,
    variables: byId('decisionId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffLookup,
  },
  {
    name: 'cadre.careerHistory.decision',
    query: `query ($id: ID!) { cadre(id: $id) { careerHistory { ... on Assignment { id decision { id number } } } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffNested,
  },
  {
    name: 'cadre.currentAssignments.decision',
    query: `query ($id: ID!) { cadre(id: $id) { currentAssignments { id decision { id number } } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffNested,
  },
  {
    name: 'title.holders.decision',
    query: `query ($t: ID!) { title(id: $t) { holders { decision { id number } } } }`,
    variables: (f) => ({ t: f.titleId }),
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffNestedList,
  },
  {
    name: 'titleHolders.decision',
    query: `query ($t: ID!) { titleHolders(titleIds: [$t]) { decision { id number } } }`,
    variables: (f) => ({ t: f.titleId }),
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffNestedList,
  },
  {
    name: 'appointmentsExpiring.decision',
    query: `{ appointmentsExpiring(withinDays: 3650) { decision { id number } } }`,
    variables: () => ({}),
    found: (d, f) => contains(d, f.decisionId),
    sided: true,
    expect: staffList,
  },
  // ── statistics: figures for the caller's units, never for a partner ──
  ...(
    [
      ['personnelOverview', `{ personnelOverview { total women retirements { year men women } } }`],
      ['quotaFulfilment', `{ quotaFulfilment { orgUnitId quota nominated } }`],
      ['classSizeStatistics', `{ classSizeStatistics { programmeCode classes trainees } }`],
      ['traineesByCategory', `{ traineesByCategory { category trainees } }`],
      ['completionRates', `{ completionRates { programmeCode completed } }`],
      ['selectionRatioCompliance', `{ selectionRatioCompliance { planCode concentrated nonConcentrated } }`],
      ['centralCourseAttendance', `{ centralCourseAttendance { programmeCode trainees } }`],
      ['planningTermTotals', `{ planningTermTotals { termCode entries cadres } }`],
      ['planningEntriesByTitle', `{ planningEntriesByTitle { termCode total } }`],
      ['benchStrength', `query ($term: String!) { benchStrength(termCode: $term) { candidates titles } }`],
      ['poolComposition', `query ($term: String!) { poolComposition(termCode: $term) { cadres women } }`],
      [
        'successionRisks',
        `query ($term: String!) { successionRisks(termCode: $term) { incumbentId orgUnitId candidates } }`,
      ],
      ['planningRoundChanges', `{ planningRoundChanges { roundCode additions flagged } }`],
    ] as const
  ).map(([name, query]): Path => ({
    name: `statistics: ${name}`,
    query,
    variables: (f) => (query.includes('$term') ? { term: f.termCode } : {}),
    found: (d) => present(d?.[name]),
    sided: false,
    expect: statistic,
  })),
  {
    // A subtree outside the caller's units counts nobody: the figures never reach past the scope.
    name: 'personnelOverview(orgUnitSubtree)',
    query: `query ($u: ID!) { personnelOverview(orgUnitSubtree: $u) { total } }`,
    variables: (f) => ({ u: f.unitId }),
    found: (d) => ((d?.personnelOverview as Data)?.total as number) > 0,
    sided: true,
    expect: staffList,
  },
  {
    // The same for planning: the fixture's candidacy (its candidate and title in the unit) counts.
    name: 'planningTermTotals(orgUnitSubtree)',
    query: `query ($u: ID!) { planningTermTotals(orgUnitSubtree: $u) { entries } }`,
    variables: (f) => ({ u: f.unitId }),
    found: (d) => ((d?.planningTermTotals ?? []) as { entries: number }[]).some((t) => t.entries > 0),
    sided: true,
    expect: staffList,
  },
  // ── writes ──
  {
    name: 'updateCadre',
    query: `mutation ($id: ID!) { updateCadre(id: $id, input: { hometown: "Mường Phăng" }) { cadre { id } errors { code } } }`,
    variables: byId('cadreId'),
    nonexistent: randomId,
    found: (d) => present((d?.updateCadre as Data)?.cadre),
    payloadCodes: payloadCodesOf('updateCadre'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'nominate',
    query: `mutation ($c: ID!, $k: ID!) { nominate(input: { cadreId: $c, classId: $k }) { enrollment { id } errors { code } } }`,
    variables: (f) => ({ c: f.cadreId, k: f.classId }),
    nonexistent: (f) => ({ c: randomUUID(), k: f.classId }),
    found: (d) => present((d?.nominate as Data)?.enrollment),
    payloadCodes: payloadCodesOf('nominate'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'changeEnrollmentStatus',
    query: `mutation ($id: ID!) { changeEnrollmentStatus(input: { enrollmentId: $id, status: ADMITTED }) { enrollment { id } errors { code } } }`,
    variables: byId('enrollmentId'),
    nonexistent: randomId,
    found: (d) => present((d?.changeEnrollmentStatus as Data)?.enrollment),
    payloadCodes: payloadCodesOf('changeEnrollmentStatus'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'addPlanningEntry',
    query: `mutation ($p: ID!, $c: ID!) { addPlanningEntry(input: { plannedTitleId: $p, cadreId: $c }) { entry { id } errors { code } } }`,
    variables: (f) => ({ p: f.candidatePlannedTitleId, c: f.cadreId }),
    nonexistent: (f) => ({ p: f.candidatePlannedTitleId, c: randomUUID() }),
    found: (d) => present((d?.addPlanningEntry as Data)?.entry),
    payloadCodes: payloadCodesOf('addPlanningEntry'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'approvePlanningEntry',
    query: `mutation ($id: ID!) { approvePlanningEntry(input: { entryId: $id, decisionNumber: "MX-1/QĐ-TU", decisionDate: "2026-01-05" }) { entry { id } errors { code } } }`,
    variables: byId('candidateEntryId'),
    nonexistent: randomId,
    found: (d) => present((d?.approvePlanningEntry as Data)?.entry),
    payloadCodes: payloadCodesOf('approvePlanningEntry'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    // A plan of 2028: its quota covers no class the nominate cells use (their class opens in 2027),
    // so nominations, which count against the unit's quota (issue 15, item 2), stay an access test.
    name: 'createTrainingPlan (quota for the unit)',
    query: `mutation ($code: String!, $p: ID!, $u: ID!) { createTrainingPlan(input: { code: $code, name: "Kế hoạch", year: 2028, quotas: [{ programmeId: $p, mode: CONCENTRATED, orgUnitId: $u, quota: 2 }] }) { plan { id } errors { code reason } } }`,
    variables: (f) => ({ code: `MX-${randomUUID()}`, p: f.programmeId, u: f.unitId }),
    nonexistent: (f) => ({ code: `MX-${randomUUID()}`, p: f.programmeId, u: randomUUID() }),
    notFoundCode: 'BAD_USER_INPUT',
    found: (d) => present((d?.createTrainingPlan as Data)?.plan),
    payloadCodes: payloadCodesOf('createTrainingPlan'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'planTitle (for the unit)',
    query: `mutation ($term: ID!, $t: ID!, $u: ID!) { planTitle(input: { termId: $term, titleId: $t, orgUnitId: $u }) { plannedTitle { id } errors { code } } }`,
    variables: (f) => ({ term: f.termId, t: f.entryTitleId, u: f.unitId }),
    nonexistent: (f) => ({ term: f.termId, t: f.entryTitleId, u: randomUUID() }),
    found: (d) => present((d?.planTitle as Data)?.plannedTitle),
    payloadCodes: payloadCodesOf('planTitle'),
    sided: true,
    write: true,
    expect: scopedWrite,
  },
  {
    name: 'createDecision',
    query: `mutation ($n: String!) { createDecision(input: { number: $n, signedOn: "2026-01-05", effectiveOn: "2026-01-05", signingAuthority: "UBND tỉnh", legalBasis: "Thử", subject: "Thử" }) { decision { id } errors { code } } }`,
    variables: () => ({ n: `MX-${randomUUID()}` }),
    found: (d) => present((d?.createDecision as Data)?.decision),
    payloadCodes: payloadCodesOf('createDecision'),
    sided: false,
    write: true,
    expect: anyWriter,
  },
  {
    name: 'createTerm',
    query: `mutation ($code: String!) { createTerm(input: { code: $code, track: STATE, startYear: 2031, endYear: 2036, ruleSetCode: "QD-377-2025" }) { term { id } errors { code } } }`,
    variables: () => ({ code: `MX-${randomUUID().slice(0, 8)}` }),
    found: (d) => present((d?.createTerm as Data)?.term),
    payloadCodes: payloadCodesOf('createTerm'),
    sided: false,
    write: true,
    expect: adminWrite,
  },
  {
    name: 'createProgramme',
    query: `mutation ($code: String!) { createProgramme(input: { code: $code, name: "Thử", category: LEADERSHIP }) { programme { id } errors { code } } }`,
    variables: () => ({ code: `MX-${randomUUID().slice(0, 8)}` }),
    found: (d) => present((d?.createProgramme as Data)?.programme),
    payloadCodes: payloadCodesOf('createProgramme'),
    sided: false,
    write: true,
    expect: adminWrite,
  },
  {
    name: 'createProvider',
    query: `mutation ($code: String!) { createProvider(input: { code: $code, name: "Thử", country: "VN", level: PROVINCIAL }) { provider { id } errors { code } } }`,
    variables: () => ({ code: `MX-${randomUUID().slice(0, 8)}` }),
    found: (d) => present((d?.createProvider as Data)?.provider),
    payloadCodes: payloadCodesOf('createProvider'),
    sided: false,
    write: true,
    expect: adminWrite,
  },
  {
    name: 'createTrainingClass',
    query: `mutation ($code: String!, $p: ID!) { createTrainingClass(input: { code: $code, programmeId: $p, providerId: $p, mode: ONLINE, place: "Trực tuyến", startDate: "2027-05-01", endDate: "2027-05-30", maxSize: 10 }) { trainingClass { id } errors { code } } }`,
    variables: (f) => ({ code: `MX-${randomUUID().slice(0, 8)}`, p: f.programmeId }),
    found: (d) => present((d?.createTrainingClass as Data)?.trainingClass),
    payloadCodes: payloadCodesOf('createTrainingClass'),
    sided: false,
    write: true,
    expect: adminWrite,
  },
];
