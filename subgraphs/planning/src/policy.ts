import { DomainError, ErrorCode, Role, Scope, type Identity } from '@cadres/core';
import { AccessPolicy, classifyFields, each } from '@cadres/subgraph-kit';

const { ADMIN, ORGANIZER, VIEWER, PARTNER, SERVICE } = Role;

/**
 * Planning's access policy (issue 12): who may do what, decided from the role, the scopes and the
 * caller's units, in one place. Resolvers and services ask it by the action's name.
 *
 * - Terms and rule sets are reference data every role reads (a partner meets them in a cadre's
 *   planning history). Terms, and the annual review rounds that cover every unit of a term, are
 *   the Standing Committee's: ADMIN writes them.
 * - A planned title of a unit is seen and planned within that unit's subtrees. The province's own
 *   titles (no unit) are seen by the province's staff and planned by ADMIN alone: who succeeds the
 *   province's leaders is not a unit's decision.
 * - A planning entry is about its candidate: seen only where the candidate works (their unit as the
 *   gateway fetched it from personnel for this entry, else the unit planning recorded for it), so a
 *   candidate list shows the caller's own cadres only, whatever the title. Writing an entry needs
 *   its candidate and its title in scope. Outside scope an entry, a unit's title, a unit or a
 *   cadre answers exactly as a nonexistent one.
 * - `planningCheck` says whether any cadre is in the approved planning: it serves personnel's
 *   appointment rules (SERVICE) and ADMIN. A scoped caller reads a cadre's planning history,
 *   which is scoped; the check, by cadre id, would answer for cadres outside their subtrees.
 * - Statistics: ADMIN, ORGANIZER and VIEWER, over the caller's units; never PARTNER.
 */
export const policy = new AccessPolicy({
  readReference: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER] },
  writeReference: { roles: [ADMIN] },
  readPlannedTitle: { roles: [ADMIN, ORGANIZER, VIEWER], inScope: 'PlannedTitle' },
  listCandidates: { roles: [ADMIN, ORGANIZER, VIEWER] },
  readEntry: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER], inScope: 'PlanningEntry' },
  readCadrePlanning: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER], inScope: 'Cadre' },
  planUnitTitle: { roles: [ADMIN, ORGANIZER], inScope: 'OrgUnit' },
  planProvinceTitle: { roles: [ADMIN] },
  writeEntry: { roles: [ADMIN, ORGANIZER], inScope: 'PlanningEntry' },
  reviewRound: { roles: [ADMIN] },
  planningCheck: { roles: [ADMIN, SERVICE] },
  readStatistics: { roles: [ADMIN, ORGANIZER, VIEWER] },
  readAudit: { roles: [ADMIN] },
});

export type PlanningAction = keyof typeof policy.rules;

/** A cadre in the caller's subtrees, by the unit personnel gives. */
export function cadreInScope(
  identity: Identity,
  action: 'readCadrePlanning' | 'writeEntry',
  cadreUnitId: string | null | undefined,
): boolean {
  return policy.allows(identity, action, cadreUnitId ?? null);
}

/** A planned title is seen within its unit's subtrees; the province's own (no unit) by all staff. */
export function plannedTitleVisible(identity: Identity, plannedTitle: { orgUnitId: string | null }): boolean {
  return plannedTitle.orgUnitId === null
    ? policy.allows(identity, 'listCandidates')
    : policy.allows(identity, 'readPlannedTitle', plannedTitle.orgUnitId);
}

/**
 * Whether the caller may change a planned title and its entries. Throws FORBIDDEN for a title the
 * caller sees but may not plan (the province's own, for an ORGANIZER), the NOT_FOUND of `record` for
 * another unit's, exactly as for a missing one.
 */
export function authorizePlannedTitleWrite(
  identity: Identity,
  plannedTitle: { orgUnitId: string | null },
  field: string,
  record: NotFoundRecord,
): void {
  policy.require(identity, 'planUnitTitle');
  if (plannedTitle.orgUnitId === null) return policy.require(identity, 'planProvinceTitle');
  if (!policy.allows(identity, 'planUnitTitle', plannedTitle.orgUnitId)) throw notFound(record, field);
}

/**
 * Whether the caller may see a planning entry: where its candidate works. `candidateUnit` is the
 * candidate's unit as the gateway fetched it from personnel for this very entry (the `@requires` of
 * `standardsGap`, in a body the gateway signs); otherwise the unit planning recorded decides.
 */
export function entryVisible(
  identity: Identity,
  entry: { cadreOrgUnitId: string | null },
  candidateUnit?: string | null,
  action: 'readEntry' | 'writeEntry' = 'readEntry',
): boolean {
  return policy.allows(identity, action, candidateUnit ?? entry.cadreOrgUnitId);
}

/** The units a statistic is computed over: null (everything) for ADMIN, the caller's otherwise. */
export function statisticsUnits(identity: Identity): string[] | null {
  policy.require(identity, 'readStatistics');
  return identity.units;
}

export type NotFoundRecord =
  'Cadre' | 'PlanningEntry' | 'PlannedTitle' | 'Term' | 'Title' | 'OrgUnit' | 'PlanningRound' | 'RoundFlag';

/**
 * Out of scope looks exactly like nonexistent: the message `NotFoundError` gives (no id echoed),
 * with the input field at fault, whether the record is missing or belongs to another subtree.
 */
export function notFound(record: NotFoundRecord, field?: string): DomainError {
  return new DomainError(
    ErrorCode.NOT_FOUND,
    `${record} does not exist`,
    field ? { entity: record, field } : { entity: record },
  );
}

const PLAIN = 'with-parent' as const;
const PAYLOAD = each(PLAIN, 'errors');

/** Every field planning contributes, and what decides it (deny by default: a field left out stops the build). */
export const classification = classifyFields<PlanningAction>(policy, {
  fields: {
    Query: {
      terms: { action: 'readReference' },
      planningRuleSets: { action: 'readReference' },
      candidates: { action: 'listCandidates' },
      planningCheck: { action: 'planningCheck' },
      ...each(
        { action: 'readStatistics' },
        'planningTermTotals',
        'planningEntriesByTitle',
        'benchStrength',
        'poolComposition',
        'successionRisks',
        'planningRoundChanges',
      ),
      planningReadAudit: 'admin-only',
      planningMutationAudit: 'admin-only',
    },
    Mutation: {
      addPlanningEntry: { action: 'writeEntry' },
      importPlanningLists: { action: 'writeEntry' },
      approvePlanningEntry: { action: 'writeEntry' },
      realisePlanningEntry: { action: 'writeEntry' },
      removePlanningEntry: { action: 'writeEntry' },
      planTitle: { action: 'planUnitTitle' },
      createTerm: { action: 'writeReference' },
      openPlanningRound: { action: 'reviewRound' },
      reviewPlanningRound: { action: 'reviewRound' },
      confirmPlanningRemoval: { action: 'reviewRound' },
    },
    // Other subgraphs' types as planning sees them: keys, and the facts the gateway hands over (@external).
    OrgUnit: each(PLAIN, 'id'),
    Title: each(PLAIN, 'id', 'minPoliticalTheoryLevel', 'minStateManagementLevel', 'minEducation', 'minGrade'),
    Programme: each(PLAIN, 'id'),
    Cadre: {
      ...each(PLAIN, 'id', 'orgUnit', 'politicalTheoryLevel', 'stateManagementLevel', 'highestDegree', 'grade'),
      planningHistory: { action: 'readCadrePlanning' },
    },
    // Reached through a cadre the caller may see, a filtered candidate list or a scoped reference.
    PlanningEntry: {
      ...each(
        PLAIN,
        'id',
        'status',
        'source',
        'readiness',
        'candidateRank',
        'emergencySuccessor',
        'addedDecisionNumber',
        'addedOn',
        'removedDecisionNumber',
        'removedOn',
        'realisedDecisionNumber',
        'realisedOn',
        'warnings',
        'cadre',
        'title',
        'term',
        'plannedTitle',
      ),
      // They name discipline and ratings: discipline:read and evaluation:read (@Authorized names both).
      removalReason: { scope: Scope.DISCIPLINE },
      reviewFlags: { scope: Scope.DISCIPLINE },
      standardsGap: { scope: Scope.STANDARDS_GAP },
    },
    Term: {
      ...each(PLAIN, 'id', 'code', 'track', 'startYear', 'endYear', 'ageReferenceDates', 'pairedTerm', 'ruleSet'),
      plannedTitles: { action: 'readPlannedTitle' },
    },
    RuleSet: each(PLAIN, 'id', 'code', 'name', 'legalBasis', 'limits'),
    PlannedTitle: {
      ...each(
        PLAIN,
        'id',
        'orgUnitId',
        'titleLevel',
        'titleRank',
        'maxCandidates',
        'activeCandidates',
        'title',
        'term',
      ),
      candidates: { action: 'listCandidates' },
    },
    RoundFlag: {
      ...each(PLAIN, 'id', 'reason', 'details', 'confirmedDecisionNumber', 'confirmedOn'),
      entry: { action: 'readEntry' },
    },
    PlanningRound: each(PLAIN, 'id', 'year', 'code', 'openedOn', 'closedOn'),
    StandardsGap: each(PLAIN, 'meetsStandard', 'lacking'),
    StandardsGapItem: each(PLAIN, 'criterion', 'required', 'held', 'closingProgrammes'),
    PlanningCheck: each(PLAIN, 'plannedForTitle', 'inPlanningPool'),
    TermEntryTotal: each(PLAIN, 'termCode', 'entries', 'cadres'),
    EntriesByTitle: each(
      PLAIN,
      'termCode',
      'title',
      'level',
      'total',
      'proposed',
      'approved',
      'realised',
      'removed',
      'expired',
    ),
    BenchStrength: each(PLAIN, 'candidates', 'titles'),
    PoolComposition: each(
      PLAIN,
      'termCode',
      'cadres',
      'young',
      'youngPercent',
      'youngTargetPercent',
      'women',
      'womenPercent',
      'womenTargetPercent',
      'ethnicMinorities',
      'ethnicMinorityPercent',
      'ageBrackets',
      'meetsTargets',
    ),
    AgeBracket: each(PLAIN, 'label', 'cadres'),
    SuccessionRisk: each(
      PLAIN,
      'plannedTitleId',
      'title',
      'orgUnitId',
      'incumbentId',
      'incumbentRetiresOn',
      'candidates',
    ),
    RoundChanges: each(PLAIN, 'roundCode', 'additions', 'flagged', 'removals'),
    RemovalCount: each(PLAIN, 'reason', 'count'),
    ReadAuditEntry: each(PLAIN, 'id', 'at', 'actor', 'agency', 'requestId', 'cadreIds', 'fields'),
    MutationAuditEntry: each(
      PLAIN,
      'id',
      'at',
      'actor',
      'role',
      'requestId',
      'operation',
      'query',
      'variables',
      'result',
      'errors',
    ),
    UserError: each(PLAIN, 'code', 'reason', 'field', 'message'),
    ImportBatchResult: each(
      PLAIN,
      'dryRun',
      'committed',
      'alreadyImported',
      'created',
      'updated',
      'unchanged',
      'problems',
    ),
    ImportProblem: each(PLAIN, 'row', 'field', 'code', 'reason', 'message', 'suggestion'),
    PlanningEntryPayload: { ...PAYLOAD, entry: PLAIN },
    PlannedTitlePayload: { ...PAYLOAD, plannedTitle: PLAIN },
    PlanningRoundPayload: { ...PAYLOAD, round: PLAIN },
    RoundReviewPayload: { ...PAYLOAD, flags: PLAIN },
    RoundFlagPayload: { ...PAYLOAD, flag: PLAIN },
    TermPayload: { ...PAYLOAD, term: PLAIN },
  },
  references: {
    // The key and the unit personnel gave; planningHistory checks the unit.
    Cadre: { action: 'readCadrePlanning' },
    // By id, only where its candidate is in the caller's scope (null otherwise, as for an unknown id).
    PlanningEntry: { action: 'readEntry' },
    // Stubs of other subgraphs' types (`resolvable: false`): `_entities` answers only the key it was sent.
    ...each('public', 'OrgUnit', 'Programme', 'Title'),
  },
});
