import { DomainError, ErrorCode, Role, Scope, unitInScope, type Identity } from '@cadres/core';
import { AccessPolicy, classifyFields, each } from '@cadres/subgraph-kit';

const { ADMIN, ORGANIZER, VIEWER, PARTNER } = Role;

/**
 * Training's access policy (issue 12): who may do what, decided from the role, the scopes and the
 * caller's units, in one place. Resolvers and services ask it by the action's name; none decides
 * on its own.
 *
 * - The catalogue (programmes, providers, classes) names no cadre: every role reads it. It is the
 *   province's reference data, which every unit's plans and nominations use, so only ADMIN (the
 *   Organisation Committee) writes it: a commune's organizer cannot add a programme the whole
 *   province then sees, nor open classes of a provincial school.
 * - Plans and their quotas: the province's staff read them, a unit's quota only within that unit's
 *   subtrees. An ORGANIZER adopts plans with quotas for their own units only; a province-wide quota
 *   (no unit) is ADMIN's.
 * - A cadre's training (history, qualifications, enrollments, nominations): within the caller's
 *   subtrees, by the cadre's unit as personnel gives it; written by ADMIN and ORGANIZER.
 * - Statistics: ADMIN, ORGANIZER and VIEWER, computed over the caller's units; never PARTNER. A
 *   class's seat count is the province's class size: only those who nominate (ADMIN, ORGANIZER)
 *   read it, for the seats left.
 */
export const policy = new AccessPolicy({
  readCatalogue: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER] },
  readSeats: { roles: [ADMIN, ORGANIZER] },
  writeCatalogue: { roles: [ADMIN] },
  readPlans: { roles: [ADMIN, ORGANIZER, VIEWER] },
  readQuota: { roles: [ADMIN, ORGANIZER, VIEWER], inScope: 'Quota' },
  writePlan: { roles: [ADMIN, ORGANIZER] },
  writeUnitQuota: { roles: [ADMIN, ORGANIZER], inScope: 'OrgUnit' },
  writeProvinceQuota: { roles: [ADMIN] },
  readCadreTraining: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER], inScope: 'Cadre' },
  writeCadreTraining: { roles: [ADMIN, ORGANIZER], inScope: 'Cadre' },
  readStatistics: { roles: [ADMIN, ORGANIZER, VIEWER] },
  readAudit: { roles: [ADMIN] },
  defineRules: { roles: [ADMIN] },
});

export type TrainingAction = keyof typeof policy.rules;

/** A cadre's training is read and written only within the caller's subtrees, by the unit personnel gives. */
export function cadreInScope(
  identity: Identity,
  action: 'readCadreTraining' | 'writeCadreTraining',
  cadreUnitId: string | null | undefined,
): boolean {
  return policy.allows(identity, action, cadreUnitId ?? null);
}

/** A quota: province-wide ones (no unit) are every staff member's; a unit's within that unit's subtrees. */
export function quotaInScope(identity: Identity, quota: { orgUnitId: string | null }): boolean {
  return quota.orgUnitId === null
    ? policy.allows(identity, 'readPlans')
    : policy.allows(identity, 'readQuota', quota.orgUnitId);
}

/** The units a statistic is computed over: null (everything) for ADMIN, the caller's units otherwise. */
export function statisticsUnits(identity: Identity): string[] | null {
  policy.require(identity, 'readStatistics');
  return identity.units;
}

/** Whether a unit lies in the caller's subtrees (null units: everything). */
export const inSubtrees = unitInScope;

/**
 * Out of scope looks exactly like nonexistent: the message `NotFoundError` gives (no id echoed),
 * with the input field at fault so a form can show it, whether the record is missing or belongs to
 * another subtree.
 */
export function notFound(
  entity: 'Cadre' | 'Enrollment' | 'TrainingClass' | 'Quota' | 'StudyCommitment' | 'OrgUnit',
  field?: string,
): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${entity} does not exist`, field ? { entity, field } : { entity });
}

const PLAIN = 'with-parent' as const;
const PAYLOAD = each(PLAIN, 'errors');

/** Every field training contributes, and what decides it (deny by default: a field left out stops the build). */
export const classification = classifyFields<TrainingAction>(policy, {
  fields: {
    Query: {
      programmes: { action: 'readCatalogue' },
      providers: { action: 'readCatalogue' },
      trainingClass: { action: 'readCatalogue' },
      trainingRuleSettings: 'public',
      trainingPlans: { action: 'readPlans' },
      quotaFulfilment: { action: 'readStatistics' },
      classSizeStatistics: { action: 'readStatistics' },
      traineesByCategory: { action: 'readStatistics' },
      completionRates: { action: 'readStatistics' },
      selectionRatioCompliance: { action: 'readStatistics' },
      centralCourseAttendance: { action: 'readStatistics' },
      trainingMutationAudit: 'admin-only',
      trainingReadAudit: 'admin-only',
    },
    Mutation: {
      nominate: { action: 'writeCadreTraining' },
      importClassRosters: { action: 'writeCadreTraining' },
      changeEnrollmentStatus: { action: 'writeCadreTraining' },
      giveClassFeedback: { action: 'writeCadreTraining' },
      breakStudyCommitment: { action: 'writeCadreTraining' },
      recordPriorQualification: { action: 'writeCadreTraining' },
      createTrainingPlan: { action: 'writePlan' },
      createProgramme: { action: 'writeCatalogue' },
      createProvider: { action: 'writeCatalogue' },
      createTrainingClass: { action: 'writeCatalogue' },
      defineTrainingRuleSetting: { action: 'defineRules' },
    },
    // Personnel's types, as training sees them: the key, and the unit it hands over (@external).
    OrgUnit: each(PLAIN, 'id'),
    Cadre: {
      id: PLAIN,
      orgUnit: PLAIN,
      ...each(
        { action: 'readCadreTraining' },
        'trainingHistory',
        'qualifications',
        'politicalTheoryLevel',
        'stateManagementLevel',
        'defenceSecurityTrained',
      ),
    },
    // Reached only through a cadre the caller may see (or a write they may make).
    Enrollment: {
      ...each(
        PLAIN,
        'id',
        'status',
        'nominatedOn',
        'resultRating',
        'certificateNumber',
        'feedbackScore',
        'feedbackComment',
        'class',
        'programme',
        'provider',
        'mode',
        'studyCommitment',
      ),
      // Holds Party membership and ratings: party:read and evaluation:read (@Authorized names both).
      eligibility: { scope: Scope.PARTY },
    },
    StudyCommitment: each(PLAIN, 'id', 'studyMonths', 'serviceMonths', 'studyCost', 'brokenOn', 'compensation'),
    Qualification: each(
      PLAIN,
      'id',
      'kind',
      'level',
      'title',
      'source',
      'awardedOn',
      'institution',
      'certificateNumber',
    ),
    TrainingClass: {
      ...each(PLAIN, 'id', 'code', 'mode', 'place', 'startDate', 'endDate', 'maxSize', 'programme', 'provider'),
      seatsTaken: { action: 'readSeats' },
    },
    Programme: each(PLAIN, 'id', 'code', 'name', 'category', 'grantsKind', 'grantsLevel', 'durationMonths', 'classes'),
    Provider: each(PLAIN, 'id', 'code', 'name', 'country', 'level'),
    TrainingPlan: { ...each(PLAIN, 'id', 'code', 'name', 'year'), quotas: { action: 'readQuota' } },
    Quota: each(PLAIN, 'id', 'mode', 'orgUnitId', 'quota', 'programme'),
    QuotaFulfilment: each(
      PLAIN,
      'year',
      'planCode',
      'programmeCode',
      'programmeName',
      'mode',
      'orgUnitId',
      'quota',
      'nominated',
      'sent',
      'fulfilmentPercent',
    ),
    ClassSizeStatistics: each(
      PLAIN,
      'programmeCode',
      'programmeName',
      'category',
      'mode',
      'classes',
      'trainees',
      'averageSize',
      'largestClass',
      'cap',
    ),
    TraineesByCategory: each(PLAIN, 'category', 'classes', 'trainees'),
    CompletionRate: each(
      PLAIN,
      'programmeCode',
      'programmeName',
      'completed',
      'notCompleted',
      'withdrawn',
      'completionPercent',
    ),
    SelectionRatioCompliance: each(
      PLAIN,
      'planCode',
      'year',
      'programmeCode',
      'concentrated',
      'nonConcentrated',
      'ratio',
      'allowedRatio',
      'allowedNonConcentrated',
      'compliant',
    ),
    CentralCourseAttendance: each(PLAIN, 'programmeCode', 'programmeName', 'category', 'trainees'),
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
    ReadAuditEntry: each(PLAIN, 'id', 'at', 'actor', 'agency', 'requestId', 'cadreIds', 'fields'),
    RuleSetting: each(PLAIN, 'key', 'description', 'value', 'legalBasis', 'effectiveFrom', 'isDefault'),
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
    EnrollmentPayload: { ...PAYLOAD, enrollment: PLAIN },
    StudyCommitmentPayload: { ...PAYLOAD, commitment: PLAIN },
    TrainingPlanPayload: { ...PAYLOAD, plan: PLAIN },
    ProgrammePayload: { ...PAYLOAD, programme: PLAIN },
    ProviderPayload: { ...PAYLOAD, provider: PLAIN },
    QualificationPayload: { ...PAYLOAD, qualification: PLAIN },
    TrainingClassPayload: { ...PAYLOAD, trainingClass: PLAIN },
    RuleSettingPayload: { ...PAYLOAD, setting: PLAIN },
  },
  references: {
    // The key and the unit personnel gave; each field checks the unit (readCadreTraining).
    Cadre: { action: 'readCadreTraining' },
    // Catalogue entries, named by planning's standards gap.
    Programme: { action: 'readCatalogue' },
    // A stub of personnel's type (`resolvable: false`): `_entities` answers only the key it was sent.
    OrgUnit: 'public',
  },
});
