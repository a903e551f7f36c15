/**
 * Personnel's access policy (issue 12): every action the subgraph performs, decided from the
 * caller's role, scopes and units, and a decision for every field it contributes to the schema.
 * Resolvers and services ask `personnelPolicy`; nothing is decided ad hoc. Out of scope answers
 * exactly as nonexistent (`inScope: 'Cadre'`, `'Decision'`); a role that may never do a thing is
 * refused with FORBIDDEN before any SQL runs.
 */
import { Role, Scope } from '@cadres/core';
import { AccessPolicy, classifyFields, each } from '@cadres/subgraph-kit';

const { ADMIN, ORGANIZER, VIEWER, PARTNER, SERVICE } = Role;
const READERS = [ADMIN, ORGANIZER, VIEWER, PARTNER] as const;
/** The province's own staff: decisions and management lists are not for partner agencies. */
const STAFF = [ADMIN, ORGANIZER, VIEWER] as const;
const WRITERS = [ADMIN, ORGANIZER] as const;

export const personnelPolicy = new AccessPolicy({
  /** One cadre, by id, by reference (`_entities`) or through another record; SERVICE checks rules for training and planning. */
  readCadre: { roles: [...READERS, SERVICE], inScope: 'Cadre' },
  /** The classified register's key: the lookup answers the same for a number nobody has and for one outside the subtrees. */
  lookUpByPersonalId: { roles: [...READERS, SERVICE], scope: Scope.PERSONAL_ID, inScope: 'Cadre' },
  /** Pages of cadres: the query itself is limited to the caller's units. */
  listCadres: { roles: [...READERS, SERVICE] },
  /** Filtering by Party membership reveals it: the same scope as reading it. */
  filterByPartyMembership: { roles: [...READERS, SERVICE], scope: Scope.PARTY },
  /** Ordering by the personal ID number reveals the numbers' order: the same scope as reading them. */
  orderByPersonalId: { roles: [...READERS, SERVICE], scope: Scope.PERSONAL_ID },
  /** Hundreds of cadres at once, unscoped: planning's rule checks. */
  readCadresInBulk: { roles: [ADMIN, SERVICE] },
  /** A decision names the cadres and the change: the province's staff, for decisions concerning a cadre they see. */
  readDecision: { roles: [...STAFF, SERVICE], inScope: 'Decision' },
  /** Terms ending, moves ending: management lists, each item scoped by its cadre. */
  listExpiringTerms: { roles: [...STAFF, SERVICE] },
  listEndingMobilities: { roles: [...STAFF, SERVICE] },
  /** Counts of moves over the caller's units: a statistic, for the province's staff like training's and planning's. */
  readMobilityStatistics: { roles: [...STAFF, SERVICE] },
  /** The overview's head counts, age pyramid and retirement wave over the caller's units: a statistic, likewise. */
  readPersonnelStatistics: { roles: [...STAFF, SERVICE] },
  /** The org tree and the titles with their standards: province-wide reference data, public to every caller. */
  readReferenceData: { roles: [...READERS, SERVICE] },
  /** Expanding subtrees for the gateway and the other subgraphs. */
  expandSubtrees: { roles: [ADMIN, SERVICE] },
  /** Before/after of every change (sensitive fields included) and the audits: ADMIN. */
  readChangeHistory: { roles: [ADMIN] },
  readAudit: { roles: [ADMIN] },
  readRuleSettings: { roles: [...READERS, SERVICE] },
  /** A new record in a unit: the unit is public, so another unit is FORBIDDEN, not hidden. */
  createCadreInUnit: { roles: WRITERS, inScope: 'forbidden' },
  /** A change to an existing cadre (record, appointment, move, evaluation, discipline): hidden outside the subtrees. */
  writeCadre: { roles: WRITERS, inScope: 'Cadre' },
  /** The unit an appointment or a move names (public reference data). */
  writeInUnit: { roles: WRITERS, inScope: 'forbidden' },
  createDecision: { roles: WRITERS },
  /**
   * A spreadsheet of cadre records (issue 19): each row is then decided as createCadre
   * (createCadreInUnit) or updateCadre (writeCadre) would be, so an ORGANIZER imports within their subtrees.
   */
  importCadres: { roles: WRITERS },
  /** A spreadsheet of career events: each row decided as createDecision, recordAppointment or recordMobility would be. */
  importCareerEvents: { roles: WRITERS },
  /** A change may cite only a decision its writer can see: one concerning their cadres, or one they registered. */
  citeDecision: { roles: WRITERS, inScope: 'Decision' },
  /** Cancelling undoes whatever a decision did, in any unit. */
  cancelDecision: { roles: [ADMIN] },
  /** Rule settings bind the whole province. */
  defineRuleSetting: { roles: [ADMIN] },
});

export type PersonnelAction = keyof typeof personnelPolicy.rules;

const withParent = <F extends string>(...fields: F[]) => each<PersonnelAction>('with-parent', ...fields);
const action = (name: PersonnelAction) => ({ action: name }) as const;

/** Every field personnel contributes, with what decides it. `npm test` fails on one left out. */
export const classification = classifyFields(personnelPolicy, {
  fields: {
    Query: {
      cadre: action('readCadre'),
      cadreByPersonalId: action('lookUpByPersonalId'),
      cadres: action('listCadres'),
      cadresByIds: action('readCadresInBulk'),
      cadresByPersonalIds: action('readCadresInBulk'),
      cadreImportProgress: action('importCadres'),
      decision: action('readDecision'),
      appointmentsExpiring: action('listExpiringTerms'),
      mobilitiesEnding: action('listEndingMobilities'),
      mobilityStatistics: action('readMobilityStatistics'),
      personnelOverview: action('readPersonnelStatistics'),
      changeHistory: action('readChangeHistory'),
      personnelReadAudit: action('readAudit'),
      personnelMutationAudit: action('readAudit'),
      orgUnits: action('readReferenceData'),
      orgUnit: action('readReferenceData'),
      orgUnitSubtreeIds: action('expandSubtrees'),
      titles: action('readReferenceData'),
      title: action('readReferenceData'),
      // Each holder is a cadre: kept only when the caller may read that cadre.
      titleHolders: action('readCadre'),
      personnelRuleSettings: action('readRuleSettings'),
    },
    Mutation: {
      createCadre: action('createCadreInUnit'),
      updateCadre: action('writeCadre'),
      importCadres: action('importCadres'),
      importCareerEvents: action('importCareerEvents'),
      recordAppointment: action('writeCadre'),
      recordMobility: action('writeCadre'),
      recordEvaluation: action('writeCadre'),
      recordDiscipline: action('writeCadre'),
      createDecision: action('createDecision'),
      cancelDecision: action('cancelDecision'),
      definePersonnelRuleSetting: action('defineRuleSetting'),
    },
    Cadre: {
      ...withParent(
        'id',
        'fullName',
        'sex',
        'dateOfBirth',
        'ethnicity',
        'category',
        'otherNames',
        'placeOfBirth',
        'hometown',
        'grade',
        'gradeSince',
      ),
      ...withParent(
        'generalEducation',
        'phone',
        'email',
        'orgUnit',
        'degrees',
        'highestDegree',
        'retirementDate',
        'yearsOfServiceLeft',
      ),
      // Assignments and moves of a cadre the caller sees; each one's decision is decided again below.
      ...withParent('careerHistory', 'currentAssignments'),
      personalIdNumber: { scope: Scope.PERSONAL_ID },
      religion: { scope: Scope.PERSONAL_ID },
      partyAdmissionDate: { scope: Scope.PARTY },
      partyOfficialDate: { scope: Scope.PARTY },
      isPartyMember: { scope: Scope.PARTY },
      familyMembers: { scope: Scope.FAMILY },
      evaluations: { scope: Scope.EVALUATION },
      disciplines: { scope: Scope.DISCIPLINE },
    },
    Assignment: {
      ...withParent(
        'id',
        'startsOn',
        'endsOn',
        'acting',
        'cancelled',
        'title',
        'orgUnit',
        'appointments',
        'termEndsOn',
        'status',
      ),
      // Reached from a title or a list, the holder is decided on its own: null outside the subtrees.
      cadre: action('readCadre'),
      decision: action('readDecision'),
    },
    Appointment: {
      ...withParent('id', 'kind', 'effectiveOn', 'termEndsOn', 'cancelled', 'assignment', 'renewableFrom'),
      cadre: action('readCadre'),
      decision: action('readDecision'),
    },
    Mobility: {
      ...withParent('id', 'kind', 'purpose', 'startsOn', 'plannedEndOn', 'cancelled', 'fromOrgUnit', 'toOrgUnit'),
      cadre: action('readCadre'),
      decision: action('readDecision'),
    },
    Decision: {
      ...withParent(
        'id',
        'number',
        'signedOn',
        'signingAuthority',
        'legalBasis',
        'effectiveOn',
        'subject',
        'cancelledAt',
        'cancellationReason',
      ),
      // The decision that cancelled a visible one is about the same change.
      cancelledBy: 'with-parent',
    },
    OrgUnit: {
      ...withParent('id', 'code', 'name', 'level', 'validFrom', 'validTo', 'parent', 'ancestors', 'children'),
      cadres: action('readCadre'),
    },
    Title: {
      ...withParent(
        'id',
        'code',
        'name',
        'level',
        'isHead',
        'maxHolders',
        'rank',
        'minPoliticalTheoryLevel',
        'minStateManagementLevel',
        'minEducation',
        'minGrade',
      ),
      holders: action('readCadre'),
    },
    // Counts over the caller's units, reached only through the statistic that computes them.
    MobilityCount: withParent('kind', 'moves', 'cadres'),
    PersonnelOverview: withParent(
      'at',
      'total',
      'byCategory',
      'byUnitLevel',
      'agePyramid',
      'women',
      'womenShare',
      'ethnicMinorities',
      'ethnicMinorityShare',
      'retirements',
    ),
    CategoryCount: withParent('category', 'count'),
    UnitLevelCount: withParent('level', 'count'),
    AgeBandCount: withParent('fromAge', 'toAge', 'men', 'women'),
    RetirementYearCount: withParent('year', 'men', 'women'),
    // Details of a cadre, reached only through the scoped field that holds them.
    Degree: withParent('id', 'level', 'field', 'institution', 'year'),
    FamilyMember: withParent('id', 'relation', 'fullName', 'birthYear', 'occupation'),
    Evaluation: withParent('id', 'year', 'rating'),
    // Derived from the cadre's retirement date, inside careerHistory, which is scoped already.
    Retirement: withParent('on', 'endedAssignments'),
    Discipline: withParent('id', 'form', 'reason', 'effectiveOn', 'cancelled', 'blocksPromotionUntil'),
    CadreConnection: withParent('edges', 'pageInfo', 'totalCount'),
    CadreEdge: withParent('node', 'cursor'),
    PageInfo: withParent('hasNextPage', 'endCursor'),
    ChangeLogEntry: withParent(
      'id',
      'at',
      'actor',
      'requestId',
      'action',
      'entity',
      'entityId',
      'cadreId',
      'decisionId',
      'before',
      'after',
    ),
    ReadAuditEntry: withParent('id', 'at', 'actor', 'agency', 'requestId', 'cadreIds', 'fields'),
    MutationAuditEntry: withParent(
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
    RuleSetting: withParent('key', 'description', 'value', 'legalBasis', 'effectiveFrom', 'isDefault'),
    // A mutation's answer: what its writer just wrote.
    AppointmentPayload: withParent('appointment', 'errors'),
    CadrePayload: withParent('cadre', 'errors'),
    DecisionPayload: withParent('decision', 'errors'),
    DisciplinePayload: withParent('discipline', 'errors'),
    EvaluationPayload: withParent('evaluation', 'errors'),
    MobilityPayload: withParent('mobility', 'errors'),
    RuleSettingPayload: withParent('setting', 'errors'),
    // What an import batch did: its writer's own rows, echoed.
    ImportBatchResult: withParent(
      'dryRun',
      'committed',
      'alreadyImported',
      'created',
      'updated',
      'unchanged',
      'problems',
    ),
    ImportProblem: withParent('row', 'field', 'code', 'reason', 'message', 'suggestion'),
    UserError: withParent('code', 'reason', 'field', 'message'),
  },
  references: {
    // The gateway resolves cadres for training's and planning's fields: scoped like `cadre(id)`.
    Cadre: action('readCadre'),
    OrgUnit: action('readReferenceData'),
    Title: action('readReferenceData'),
  },
});
