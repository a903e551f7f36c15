import { ConflictError, NotFoundError, parseId, RuleViolationError } from '@cadres/core';
import type { RuleBook, Transaction, UnitOfWork } from '@cadres/subgraph-kit';
import type { CadreRepository } from '../cadre/cadre.repository';
import type { Cadre } from '../cadre/cadre.entity';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
import type { Decision } from '../decision/decision.entity';
import type { DecisionService } from '../decision/decision.service';
import type { DisciplineRepository } from '../discipline/discipline.repository';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import { assertUnitExistedOn } from '../org-unit/org-unit.rules';
import {
  assertBeforeRetirement,
  assertNotBlockedByDiscipline,
  assertServiceLeft,
  retirementDateOf,
  type PersonnelRules,
} from '../rules/eligibility';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';
import type { Title } from '../title/title.entity';
import { AppointmentKind, type Appointment, type Assignment } from './appointment.entity';
import type { RecordAppointmentInput } from './appointment.inputs';
import type { AppointmentRepository } from './appointment.repository';
import { assertRenewalWindow, assertWithinTermLimit, renewedTermEnd, termEndsOn } from './appointment.rules';
import type { PlanningAnswers, PlanningClient } from '../../clients/planning-client';

/** Kinds that end a holding; every other kind gives a post and stops at retirement age. */
const ENDING_KINDS: ReadonlySet<AppointmentKind> = new Set([AppointmentKind.DISMISSAL, AppointmentKind.RESIGNATION]);

/** Everything an appointment rule looks at, read inside the write transaction. */
interface AppointmentCase {
  manager: Transaction;
  cadre: Cadre;
  title: Title;
  orgUnit: OrgUnit;
  decision: Decision;
  on: string;
  rules: PersonnelRules;
  by: Actor;
}

export class AppointmentService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly appointments: AppointmentRepository,
    private readonly cadres: CadreRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly disciplines: DisciplineRepository,
    private readonly decisions: DecisionService,
    private readonly ruleBook: RuleBook<PersonnelRuleDefinitions>,
    private readonly planning: PlanningClient,
    private readonly changes: ChangeLogRepository,
  ) {}

  /**
   * Records one appointment decision (rules 7–10, 12, 13). Locks, in order, the decision, the
   * cadre and the title, so that concurrent decisions on the same people and posts queue up;
   * the database's exclusion constraint still guards single-holder titles on its own. Given a
   * transaction (an import batch's row), it runs in it, with planning's answers asked before that
   * transaction opened (`answered`), so no lock waits on the network there either.
   */
  async record(
    input: RecordAppointmentInput,
    by: Actor,
    within?: Transaction,
    answered?: PlanningAnswers,
  ): Promise<Appointment> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const titleId = parseId(input.titleId, 'titleId');
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    // Rule 8 asks planning over the network: before the transaction, so no lock waits on it.
    if (input.kind === AppointmentKind.FIRST)
      await this.checkPlanning(cadreId, titleId, input.decisionId, by, within, answered);
    const work = async (manager: Transaction): Promise<Appointment> => {
      const decision = await this.decisions.requireCitable(manager, input.decisionId);
      const cadre = await this.cadres.lockById(manager, cadreId);
      if (!cadre) throw new NotFoundError('Cadre', cadreId);
      const title = await this.appointments.lockTitle(manager, titleId);
      if (!title) throw new NotFoundError('Title', titleId);
      const orgUnit = await this.orgUnits.byId(manager, orgUnitId);
      if (!orgUnit) throw new NotFoundError('OrgUnit', orgUnitId);
      const on = decision.effectiveOn;
      assertUnitExistedOn(orgUnit, on, 'orgUnitId');
      const rules = await this.ruleBook.valuesAt(on, manager);
      if (!ENDING_KINDS.has(input.kind)) assertBeforeRetirement(cadre, on, rules);
      const appointmentCase = { manager, cadre, title, orgUnit, decision, on, rules, by };
      switch (input.kind) {
        case AppointmentKind.FIRST:
        case AppointmentKind.ACTING:
          return this.appoint(appointmentCase, input.kind);
        case AppointmentKind.REAPPOINTMENT:
        case AppointmentKind.EXTENSION_TO_RETIREMENT:
          return this.renew(appointmentCase, input.kind);
        case AppointmentKind.DISMISSAL:
        case AppointmentKind.RESIGNATION:
          return this.end(appointmentCase, input.kind);
      }
    };
    return within ? work(within) : this.unitOfWork(work);
  }

  /** Rule 8: a first appointment or promotion needs an approved planning entry for the title. */
  private async checkPlanning(
    cadreId: string,
    titleId: string,
    decisionId: string,
    by: Actor,
    within?: Transaction,
    answered?: PlanningAnswers,
  ): Promise<void> {
    const on = await this.decisions.effectiveDateOf(decisionId, within);
    const rules = await this.ruleBook.valuesAt(on);
    if (!rules.planningRequiredForPromotion) return;
    const answer = answered
      ? answered.check(cadreId, titleId, on)
      : await this.planning.check(cadreId, titleId, on, by.requestId);
    if (!answer.plannedForTitle) {
      throw new RuleViolationError(
        'NOT_IN_PLANNING',
        `The cadre is not in the approved planning for this title on ${on}.`,
        'cadreId',
      );
    }
  }

  /** FIRST (a first appointment or a promotion) and ACTING start a new assignment. */
  private async appoint(
    c: AppointmentCase,
    kind: AppointmentKind.FIRST | AppointmentKind.ACTING,
  ): Promise<Appointment> {
    assertNotBlockedByDiscipline(await this.disciplines.findTakenBy(c.manager, c.cadre.id, c.on), c.on, c.rules);
    if (kind === AppointmentKind.FIRST) {
      assertServiceLeft(c.cadre, c.on, c.rules.minServiceYearsForPromotion, c.rules, 'INSUFFICIENT_SERVICE_LEFT');
      // Resigning and being appointed FIRST again does not start the count afresh.
      await this.assertTermLimit(c);
    }
    // Rule: a title is held only in units of its level (the database's foreign key guards it too).
    if (c.title.level !== c.orgUnit.level) {
      throw new RuleViolationError(
        'TITLE_NOT_AT_UNIT_LEVEL',
        `${c.title.name} is a ${c.title.level} title; ${c.orgUnit.name} is a ${c.orgUnit.level} unit.`,
        'orgUnitId',
      );
    }
    // Single-holder titles are guarded by the database; titles with several seats are counted
    // under the title's row lock taken above.
    if (
      c.title.maxHolders > 1 &&
      (await this.appointments.countHoldersFrom(c.manager, c.title.id, c.orgUnit.id, c.on)) >= c.title.maxHolders
    ) {
      throw new ConflictError(
        'TITLE_FULL',
        `${c.title.name} already has ${c.title.maxHolders} holders in ${c.orgUnit.name}.`,
        'titleId',
      );
    }
    const assignment = await this.appointments.insertAssignment(c.manager, {
      cadreId: c.cadre.id,
      titleId: c.title.id,
      orgUnitId: c.orgUnit.id,
      startsOn: c.on,
      // Retirement ends every post (rule 9): the holding ends on the retirement date unless a
      // decision ends it first, so the seat is free from that day, for the database too.
      endsOn: retirementDateOf(c.cadre, c.rules),
      acting: kind === AppointmentKind.ACTING,
      singleHolder: c.title.maxHolders === 1,
      decisionId: c.decision.id,
    });
    return this.save(c, assignment, kind, {
      termEndsOn: kind === AppointmentKind.FIRST ? termEndsOn(c.on, c.rules) : null,
    });
  }

  /** REAPPOINTMENT and EXTENSION_TO_RETIREMENT renew the term of an assignment held now. */
  private async renew(
    c: AppointmentCase,
    kind: AppointmentKind.REAPPOINTMENT | AppointmentKind.EXTENSION_TO_RETIREMENT,
  ): Promise<Appointment> {
    const assignment = await this.requireHeld(c);
    const history = await this.appointments.findOnAssignment(c.manager, assignment.id);
    const currentTermEnd = history.find((a) => a.termEndsOn)?.termEndsOn;
    if (!currentTermEnd)
      throw new RuleViolationError('NO_TERM_TO_RENEW', 'An acting assignment has no term to renew.', 'kind');
    assertRenewalWindow(currentTermEnd, c.on, c.rules);
    // Rule 10 decides the kind (a renewal, or an extension to retirement) before rule 7 counts terms.
    const termEnds = renewedTermEnd(kind, c.cadre, currentTermEnd, c.on, c.rules);
    if (kind === AppointmentKind.REAPPOINTMENT) await this.assertTermLimit(c);
    return this.save(c, assignment, kind, { termEndsOn: termEnds });
  }

  /** Rule 7, on the cadre's holdings of this post (appointment.rules.ts counts the run). */
  private async assertTermLimit(c: AppointmentCase): Promise<void> {
    if (!c.title.isHead) return;
    const holdings = await this.appointments.findTermsInPost(c.manager, c.cadre.id, c.title.id, c.orgUnit.id);
    assertWithinTermLimit(c.title.isHead, holdings, c.on, c.rules);
  }

  /** DISMISSAL and RESIGNATION end an assignment held now; the old end is kept for cancellation. */
  private async end(
    c: AppointmentCase,
    kind: AppointmentKind.DISMISSAL | AppointmentKind.RESIGNATION,
  ): Promise<Appointment> {
    const assignment = await this.requireHeld(c);
    if (c.on <= assignment.startsOn) {
      throw new RuleViolationError('ENDS_BEFORE_START', `The assignment starts ${assignment.startsOn}.`, 'decisionId');
    }
    await this.appointments.setAssignmentEnd(c.manager, assignment.id, c.on);
    return this.save(c, assignment, kind, { termEndsOn: null, previousAssignmentEnd: assignment.endsOn });
  }

  private async requireHeld(c: AppointmentCase): Promise<Assignment> {
    const assignment = await this.appointments.findHeld(c.manager, c.cadre.id, c.title.id, c.orgUnit.id, c.on);
    if (!assignment) {
      throw new RuleViolationError(
        'NOT_HOLDING_TITLE',
        `The cadre does not hold ${c.title.name} in ${c.orgUnit.name} on ${c.on}.`,
        'titleId',
      );
    }
    return assignment;
  }

  private async save(
    c: AppointmentCase,
    assignment: Assignment,
    kind: AppointmentKind,
    fields: Pick<Appointment, 'termEndsOn'> & Partial<Appointment>,
  ): Promise<Appointment> {
    const appointment = await this.appointments.insertAppointment(c.manager, {
      assignmentId: assignment.id,
      cadreId: c.cadre.id,
      kind,
      effectiveOn: c.on,
      decisionId: c.decision.id,
      ...fields,
    });
    await this.changes.append(c.manager, c.by, [
      {
        action: `APPOINTMENT_${kind}`,
        entity: 'Appointment',
        entityId: appointment.id,
        cadreId: c.cadre.id,
        decisionId: c.decision.id,
        after: { appointment, assignment },
      },
    ]);
    return appointment;
  }
}
