import { InvalidInputError, parseId, RuleViolationError, type Identity } from '@cadres/core';
import { mutationAuditWrite, type RuleBook, type Transaction, type UnitOfWork } from '@cadres/subgraph-kit';
import type { Quota } from '../plan/plan.entity';
import { ProgrammeCategory } from '../programme/programme.entity';
import type { QualificationRepository } from '../qualification/qualification.repository';
import { QualificationSource } from '../qualification/qualification.enums';
import type { TrainingRuleDefinitions } from '../rules/training-rules';
import type { TrainingClass } from '../training-class/training-class.entity';
import type { TrainingClassRepository } from '../training-class/training-class.repository';
import { cadreInScope, notFound, quotaInScope } from '../../policy';
import { checkEligibility, pastEligibility, type TrainingRules } from './eligibility';
import { EnrollmentStatus, type Enrollment } from './enrollment.entity';
import type {
  BreakCommitmentInput,
  ChangeEnrollmentStatusInput,
  FeedbackInput,
  NominateInput,
} from './enrollment.inputs';
import type { EnrollmentRepository } from './enrollment.repository';
import {
  assertAttended,
  assertQuotaRoom,
  assertTransition,
  compensationOwed,
  nearestQuota,
  studyCommitment,
} from './enrollment.rules';
import type { CadreFacts, PersonnelClient } from '../../clients/personnel-client';
import type { StudyCommitment } from './study-commitment.entity';

export interface Requester {
  requestId: string | null;
  identity: Identity;
}

export class EnrollmentService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly classes: TrainingClassRepository,
    private readonly qualifications: QualificationRepository,
    private readonly ruleBook: RuleBook<TrainingRuleDefinitions>,
    private readonly personnel: PersonnelClient,
    private readonly today: () => string,
  ) {}

  /**
   * The cadre as personnel knows them, or NOT_FOUND — the same answer whether nobody has the id or
   * the cadre lies outside the caller's subtrees.
   */
  async requireVisibleCadre(rawId: string, by: Requester) {
    const cadreId = parseId(rawId, 'cadreId');
    const facts = await this.personnel.facts(cadreId, by.requestId);
    if (!facts || !cadreInScope(by.identity, 'writeCadreTraining', facts.orgUnit.id))
      throw notFound('Cadre', 'cadreId');
    return facts;
  }

  /**
   * An enrollment whose cadre lies in the caller's subtrees (asked of personnel), or NOT_FOUND; the
   * refusal names neither the enrollment nor its cadre, so it reads the same as a wrong id.
   */
  async requireVisibleEnrollment(rawId: string, by: Requester): Promise<void> {
    const id = parseId(rawId, 'enrollmentId');
    const enrollment = await this.enrollments.findById(id);
    if (!enrollment) throw notFound('Enrollment', 'enrollmentId');
    if (by.identity.units === null) return;
    const facts = await this.personnel.facts(enrollment.cadreId, by.requestId);
    if (!facts || !cadreInScope(by.identity, 'writeCadreTraining', facts.orgUnit.id))
      throw notFound('Enrollment', 'enrollmentId');
  }

  /** Rules 2, 4 and 5: nominee numbers against the quota, eligibility, the postgraduate commitment. */
  async nominate(input: NominateInput, by: Requester): Promise<Enrollment> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    parseId(input.classId, 'classId');
    if (input.quotaId) parseId(input.quotaId, 'quotaId');
    if (!/^\d{1,15}$/.test(input.studyCost ?? '0'))
      throw new InvalidInputError([
        { field: 'studyCost', reason: 'NOT_AN_AMOUNT', message: 'An amount in whole đồng.' },
      ]);
    // Ask personnel before opening the transaction: no lock is held while waiting on the network.
    const facts = await this.personnel.facts(cadreId, by.requestId);
    // An organizer nominates only cadres of their own subtree: outside it the cadre does not exist for them.
    if (!facts || !cadreInScope(by.identity, 'writeCadreTraining', facts.orgUnit.id))
      throw notFound('Cadre', 'cadreId');
    return this.unitOfWork((manager) => this.nominateIn(manager, input, facts, by));
  }

  /**
   * The nomination's rules and writes, in the caller's transaction, with the cadre's facts asked
   * before it (a roster import asks for the whole batch at once) and found in the caller's scope.
   */
  async nominateIn(manager: Transaction, input: NominateInput, facts: CadreFacts, by: Requester): Promise<Enrollment> {
    return this.nominateAs(manager, input, facts, by, 'now');
  }

  /**
   * A trainee of a class that has ended, as a roster of the province's history records them (an
   * import, never the API's nominate, which refuses an ended class: CLASS_OVER). The row records
   * what happened, so what decided whether it could happen then is not asked again today: the
   * class being over, and eligibility (rules 4, 5), which the committee judged on the facts of the
   * time while personnel's are today's (current titles, degrees and Party membership; evaluations
   * a new province has not loaded). Eligibility is still worked out at the class's start and kept
   * in the snapshot, with what today's facts would have refused, marked `recordedFromHistory`.
   * What the platform's own records decide still holds: the class's capacity (rule 1, on
   * admission), one enrollment per trainee and class, the quota of the plan that covered the class
   * for the trainee's unit under the candidate ratio in force when it opened (rule 2), the service
   * commitment of postgraduate study (rule 5) and the qualification granted once (rule 6). The
   * nomination is dated the class's start, the latest it can have been made.
   */
  async recordPastNominationIn(
    manager: Transaction,
    input: NominateInput,
    facts: CadreFacts,
    by: Requester,
  ): Promise<Enrollment> {
    return this.nominateAs(manager, input, facts, by, 'history');
  }

  /** A nomination made now (nominate's), or one a roster of an ended class records (see recordPastNominationIn). */
  private async nominateAs(
    manager: Transaction,
    input: NominateInput,
    facts: CadreFacts,
    by: Requester,
    when: 'now' | 'history',
  ): Promise<Enrollment> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const classId = parseId(input.classId, 'classId');
    const quotaId = input.quotaId ? parseId(input.quotaId, 'quotaId') : null;
    const studyCost = input.studyCost ?? '0';
    const today = this.today();
    const { trainingClass, programme } = await this.classWithProgramme(manager, classId);
    const ended = trainingClass.endDate < today;
    if (when === 'now' && ended)
      throw new RuleViolationError('CLASS_OVER', `The class ended on ${trainingClass.endDate}.`, 'classId');
    // The import chooses the history path for ended classes only; any other is nominated as usual.
    if (when === 'history' && !ended)
      throw new Error(`recordPastNominationIn: class ${classId} has not ended (${trainingClass.endDate})`);
    // The rules in force when the nomination was made: today, or, for history, when the class opened.
    const on = when === 'now' ? today : trainingClass.startDate;
    const rules = await this.ruleBook.valuesAt(on, manager);
    const quota = await this.quotaWithRoom(manager, trainingClass, facts, quotaId, rules, by);
    const eligibility =
      when === 'now'
        ? checkEligibility(programme, trainingClass.mode, facts, on, rules)
        : pastEligibility(programme, trainingClass.mode, facts, on, rules);
    const enrollment = await this.enrollments.insert(manager, {
      cadreId,
      // The unit that sends the trainee: statistics are counted by it.
      orgUnitId: facts.orgUnit.id,
      classId,
      quotaId: quota?.id ?? null,
      status: EnrollmentStatus.NOMINATED,
      nominatedOn: on,
      eligibility,
    });
    if (programme.category === ProgrammeCategory.POSTGRADUATE) {
      await this.enrollments.insertCommitment(manager, {
        enrollmentId: enrollment.id,
        ...studyCommitment(
          programme.durationMonths,
          trainingClass.startDate,
          trainingClass.endDate,
          rules.postgraduateServiceMultiplier,
        ),
        studyCost,
      });
    }
    return enrollment;
  }

  /** Rule 2: the quota the nomination counts against, locked, with room under the candidate ratio. */
  private async quotaWithRoom(
    manager: Transaction,
    trainingClass: TrainingClass,
    facts: CadreFacts,
    quotaId: string | null,
    rules: TrainingRules,
    by: Requester,
  ): Promise<Quota | null> {
    const quota = await this.applicableQuota(manager, trainingClass, facts.orgUnit, quotaId, by);
    if (quota) {
      // The quota row's lock queues nominations against it, so the count below stays true under concurrency.
      await this.enrollments.lockQuota(manager, quota.id);
      assertQuotaRoom(
        quota.quota,
        await this.enrollments.countNominees(manager, quota.id),
        rules.nominationCandidateRatio,
      );
    }
    return quota;
  }

  /** Rules 1 and 6: a seat is taken on admission (the database refuses the one too many); completing grants the qualification once. */
  async changeStatus(input: ChangeEnrollmentStatusInput, within?: Transaction): Promise<Enrollment> {
    const id = parseId(input.enrollmentId, 'enrollmentId');
    const completing = input.status === EnrollmentStatus.COMPLETED;
    if (completing && (!input.resultRating || !input.certificateNumber?.trim())) {
      throw new InvalidInputError([
        ...(!input.resultRating
          ? [{ field: 'resultRating', reason: 'REQUIRED', message: 'A completed enrollment has a result.' }]
          : []),
        ...(!input.certificateNumber?.trim()
          ? [
              {
                field: 'certificateNumber',
                reason: 'REQUIRED',
                message: 'A completed enrollment has a certificate number.',
              },
            ]
          : []),
      ]);
    }
    if (!completing && (input.resultRating || input.certificateNumber)) {
      throw new InvalidInputError([
        { field: 'resultRating', reason: 'ONLY_WHEN_COMPLETED', message: 'Results belong to completed enrollments.' },
      ]);
    }
    const work = async (manager: Transaction): Promise<Enrollment> => {
      const enrollment = await this.enrollments.lock(manager, id);
      if (!enrollment) throw notFound('Enrollment', 'enrollmentId');
      assertTransition(enrollment.status, input.status);
      const updated = await this.enrollments.update(manager, id, {
        status: input.status,
        resultRating: input.resultRating ?? null,
        certificateNumber: input.certificateNumber?.trim() ?? null,
      });
      if (completing) await this.grantQualification(manager, updated);
      return updated;
    };
    return within ? work(within) : this.unitOfWork(work);
  }

  async giveFeedback(input: FeedbackInput): Promise<Enrollment> {
    const id = parseId(input.enrollmentId, 'enrollmentId');
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      throw new InvalidInputError([{ field: 'score', reason: 'OUT_OF_RANGE', message: 'A score from 1 to 5.' }]);
    }
    return this.unitOfWork(async (manager) => {
      const locked = await this.enrollments.lockForChange(manager, id);
      if (!locked) throw notFound('Enrollment', 'enrollmentId');
      assertAttended(locked.record.status);
      // The change and the mutation's audit row in one statement; the enrollment after is not read back.
      return this.enrollments.changeLocked(
        manager,
        locked,
        { feedbackScore: input.score, feedbackComment: input.comment?.trim() || null },
        (after) => mutationAuditWrite(manager, after),
      );
    });
  }

  /**
   * Rule 5: leaving before the service commitment is served costs the study cost in proportion to
   * the months still owed (all of it if the cadre leaves during the study).
   */
  async breakCommitment(input: BreakCommitmentInput): Promise<StudyCommitment> {
    const id = parseId(input.enrollmentId, 'enrollmentId');
    return this.unitOfWork(async (manager) => {
      const commitment = await this.enrollments.lockCommitment(manager, id);
      if (!commitment) throw notFound('StudyCommitment', 'enrollmentId');
      if (commitment.brokenOn)
        throw new RuleViolationError('ALREADY_BROKEN', `Recorded as broken on ${commitment.brokenOn}.`, 'enrollmentId');
      const enrollment = await this.enrollments.byId(manager, id);
      const trainingClass = await this.classes.byId(manager, enrollment.classId);
      return this.enrollments.markCommitmentBroken(
        manager,
        commitment.id,
        input.brokenOn,
        compensationOwed(commitment, trainingClass.endDate, input.brokenOn),
      );
    });
  }

  private async grantQualification(manager: Transaction, enrollment: Enrollment): Promise<void> {
    const { trainingClass, programme } = await this.classWithProgramme(manager, enrollment.classId);
    if (!programme.grantsKind) return;
    await this.qualifications.insert(manager, {
      cadreId: enrollment.cadreId,
      kind: programme.grantsKind,
      level: programme.grantsLevel,
      title: programme.name,
      source: QualificationSource.TRAINING,
      enrollmentId: enrollment.id,
      awardedOn: trainingClass.endDate < this.today() ? trainingClass.endDate : this.today(),
      certificateNumber: enrollment.certificateNumber,
    });
  }

  /**
   * Issue 15, item 2: the quota a nomination counts against, cited or not. A class is covered by
   * the plans of the year it opens; of their quotas for its programme and mode, the nominee's
   * unit's applies (`nearestQuota`). Null: no plan covers the class (refresher and central courses
   * outside the plans), and nothing is counted.
   */
  private async applicableQuota(
    manager: Transaction,
    trainingClass: TrainingClass,
    unit: CadreFacts['orgUnit'],
    citedId: string | null,
    by: Requester,
  ): Promise<Quota | null> {
    if (citedId) {
      const cited = await this.enrollments.findQuota(manager, citedId);
      // Another unit's quota does not exist for the caller: neither its size nor its nominees show.
      if (!cited || !quotaInScope(by.identity, cited)) throw notFound('Quota', 'quotaId');
    }
    const covering = await this.enrollments.coveringQuotas(
      manager,
      Number(trainingClass.startDate.slice(0, 4)),
      trainingClass.programmeId,
      trainingClass.mode,
    );
    return nearestQuota(covering, unit, citedId);
  }

  private async classWithProgramme(manager: Transaction, classId: string) {
    const found = await this.classes.withProgramme(manager, classId);
    if (!found) throw notFound('TrainingClass', 'classId');
    return found;
  }
}
