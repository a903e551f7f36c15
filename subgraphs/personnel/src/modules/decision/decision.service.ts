import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  parseId,
  RuleViolationError,
  type InputProblem,
} from '@cadres/core';
import type { Transaction, UnitOfWork } from '@cadres/subgraph-kit';
import { AppointmentKind, type Appointment, type Assignment } from '../appointment/appointment.entity';
import type { Actor, Change, ChangeLogRepository } from '../change-log/change-log.repository';
import { normaliseText } from '../cadre/cadre.validation';
import type { Title } from '../title/title.entity';
import type { Decision } from './decision.entity';
import type { CancelDecisionInput, CreateDecisionInput } from './decision.inputs';
import type { DecisionRepository } from './decision.repository';

const ENDINGS = new Set<AppointmentKind>([AppointmentKind.DISMISSAL, AppointmentKind.RESIGNATION]);

/** A career record a decision made, as its cancellation sees it. */
interface CancellableRecord {
  id: string;
  cadreId: string;
}

/**
 * What cancelling a decision needs of the records decisions make (rule 13). Declared here and
 * implemented by the appointment, mobility, evaluation and discipline repositories, which the
 * container hands in: those features cite decisions, so decisions must not depend on them.
 */
export interface CareerRepositories {
  appointments: {
    cancelByDecision(
      transaction: Transaction,
      decisionId: string,
    ): Promise<{ appointments: Appointment[]; assignments: Assignment[] }>;
    setAssignmentEnd(transaction: Transaction, assignmentId: string, endsOn: string | null): Promise<Assignment>;
    lockTitle(transaction: Transaction, titleId: string): Promise<Title | null>;
    countHoldersFrom(transaction: Transaction, titleId: string, orgUnitId: string, on: string): Promise<number>;
  };
  mobility: { cancelByDecision(transaction: Transaction, decisionId: string): Promise<CancellableRecord[]> };
  evaluations: { cancelByDecision(transaction: Transaction, decisionId: string): Promise<CancellableRecord[]> };
  disciplines: { cancelByDecision(transaction: Transaction, decisionId: string): Promise<CancellableRecord[]> };
}

export class DecisionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly decisions: DecisionRepository,
    private readonly career: CareerRepositories,
    private readonly changes: ChangeLogRepository,
  ) {}

  /**
   * The effective date of a decision, read without a lock (decisions never change their date); in
   * an import batch's transaction when given one, which may have just created it.
   */
  async effectiveDateOf(rawId: string, within?: Transaction): Promise<string> {
    const id = parseId(rawId, 'decisionId');
    const [decision] = await this.decisions.findByIds([id], within);
    if (!decision) throw new NotFoundError('Decision', id);
    return decision.effectiveOn;
  }

  /** The decision a change cites, locked so that it cannot be cancelled mid-change. */
  async requireCitable(manager: Transaction, rawId: string): Promise<Decision> {
    const id = parseId(rawId, 'decisionId');
    const decision = await this.decisions.lock(manager, id);
    if (!decision) throw new NotFoundError('Decision', id);
    if (decision.cancelledAt)
      throw new RuleViolationError('DECISION_CANCELLED', `Decision ${decision.number} was cancelled.`, 'decisionId');
    return decision;
  }

  /** createDecision; in the caller's transaction when given one (an import batch's row). */
  async create(input: CreateDecisionInput, by: Actor, within?: Transaction): Promise<Decision> {
    const fields = {
      number: normaliseText(input.number),
      signingAuthority: normaliseText(input.signingAuthority),
      legalBasis: normaliseText(input.legalBasis),
      subject: normaliseText(input.subject),
      signedOn: input.signedOn,
      effectiveOn: input.effectiveOn,
    };
    const problems = decisionProblems(fields);
    if (problems.length) throw new InvalidInputError(problems);
    const work = async (manager: Transaction) => {
      const decision = await this.decisions.insert(manager, fields);
      await this.changes.append(manager, by, [
        {
          action: 'DECISION_CREATED',
          entity: 'Decision',
          entityId: decision.id,
          decisionId: decision.id,
          after: decision,
        },
      ]);
      return decision;
    };
    return within ? work(within) : this.unitOfWork(work);
  }

  /**
   * Rule 13: cancelling a decision undoes what it did — its appointments, assignments, moves,
   * evaluations and measures no longer count, and an assignment it ended is held again.
   */
  async cancel(input: CancelDecisionInput, by: Actor): Promise<Decision> {
    const id = parseId(input.decisionId, 'decisionId');
    const reason = normaliseText(input.reason);
    if (!reason)
      throw new InvalidInputError([{ field: 'reason', reason: 'REQUIRED', message: 'A reason is required.' }]);
    return this.unitOfWork(async (manager) => {
      const cancellingId = parseId(input.cancellingDecisionId, 'cancellingDecisionId');
      if (cancellingId === id)
        throw new RuleViolationError('SELF_CANCELLATION', 'A decision cannot cancel itself.', 'cancellingDecisionId');
      // Both decisions are locked in id order, so "A cancels B" and "B cancels A" cannot deadlock.
      const [first, second] = id < cancellingId ? [id, cancellingId] : [cancellingId, id];
      await this.decisions.lock(manager, first);
      await this.decisions.lock(manager, second);
      const cancelling = await this.requireCitable(manager, cancellingId);
      const decision = await this.decisions.lock(manager, id);
      if (!decision) throw new NotFoundError('Decision', id);
      if (decision.cancelledAt)
        throw new RuleViolationError(
          'DECISION_CANCELLED',
          `Decision ${decision.number} is already cancelled.`,
          'decisionId',
        );

      const changes: Change[] = [];
      const { appointments, assignments } = await this.career.appointments.cancelByDecision(manager, id);
      for (const appointment of appointments) {
        // An ending (dismissal, resignation) is undone by giving the assignment back its old end.
        if (ENDINGS.has(appointment.kind)) {
          const restored = await this.career.appointments.setAssignmentEnd(
            manager,
            appointment.assignmentId,
            appointment.previousAssignmentEnd,
          );
          await this.requireSeat(manager, restored, appointment.effectiveOn);
        }
        changes.push({
          action: 'APPOINTMENT_CANCELLED',
          entity: 'Appointment',
          entityId: appointment.id,
          cadreId: appointment.cadreId,
          before: appointment,
        });
      }
      for (const assignment of assignments) {
        changes.push({
          action: 'ASSIGNMENT_CANCELLED',
          entity: 'Assignment',
          entityId: assignment.id,
          cadreId: assignment.cadreId,
          before: assignment,
        });
      }
      for (const [entity, rows] of [
        ['Mobility', await this.career.mobility.cancelByDecision(manager, id)],
        ['Evaluation', await this.career.evaluations.cancelByDecision(manager, id)],
        ['Discipline', await this.career.disciplines.cancelByDecision(manager, id)],
      ] as const) {
        for (const row of rows) {
          changes.push({
            action: `${entity.toUpperCase()}_CANCELLED`,
            entity,
            entityId: row.id,
            cadreId: row.cadreId,
            before: row,
          });
        }
      }
      const cancelled = await this.decisions.markCancelled(manager, id, cancelling.id, reason);
      changes.push({
        action: 'DECISION_CANCELLED',
        entity: 'Decision',
        entityId: id,
        before: decision,
        after: cancelled,
      });
      await this.changes.append(
        manager,
        by,
        changes.map((c) => ({ ...c, decisionId: cancelling.id })),
      );
      return cancelled;
    });
  }

  /**
   * A cadre held again must find the seat free: a single-holder title is guarded by the database
   * (an overlapping holder makes the cancellation fail), one with several seats is counted here,
   * under the title's lock as an appointment counts it. Someone may have taken the freed seat.
   */
  private async requireSeat(manager: Transaction, assignment: Assignment, from: string): Promise<void> {
    const title = await this.career.appointments.lockTitle(manager, assignment.titleId);
    if (!title || title.maxHolders <= 1) return;
    if (
      (await this.career.appointments.countHoldersFrom(manager, title.id, assignment.orgUnitId, from)) >
      title.maxHolders
    ) {
      throw new ConflictError(
        'TITLE_FULL',
        `Holding ${title.name} again would give it more than its ${title.maxHolders} holders: the seat was taken since.`,
        'decisionId',
      );
    }
  }
}

/** Every problem with a decision's fields (normalised), at once: what createDecision refuses. */
export function decisionProblems(fields: {
  number: string;
  signingAuthority: string;
  legalBasis: string;
  subject: string;
  signedOn: string;
  effectiveOn: string;
}): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const field of ['number', 'signingAuthority', 'legalBasis', 'subject'] as const) {
    if (!fields[field]) problems.push({ field, reason: 'REQUIRED', message: `${field} is required.` });
  }
  if (fields.effectiveOn < fields.signedOn) {
    problems.push({
      field: 'effectiveOn',
      reason: 'EFFECTIVE_BEFORE_SIGNING',
      message: 'A decision cannot take effect before it is signed.',
    });
  }
  return problems;
}
