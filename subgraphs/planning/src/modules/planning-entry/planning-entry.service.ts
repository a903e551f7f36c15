import { InvalidInputError, parseId, RuleViolationError, today, type Identity } from '@cadres/core';
import type { Transaction, UnitOfWork } from '@cadres/subgraph-kit';
import { cadreInScope, notFound } from '../../policy';
import type { PlannedTitleRepository } from '../planned-title/planned-title.repository';
import type { TermRepository } from '../term/term.repository';
import { assertTermOpen, referenceDate } from '../term/term.rules';
import type { AddPlanningEntryInput, PlanningDecisionInput, RemovePlanningEntryInput } from './planning-entry.inputs';
import { PlanningEntry, PlanningStatus } from './planning-entry.entity';
import type { PlanningEntryRepository } from './planning-entry.repository';
import type { CareerAssignment, PersonnelClient, PlanningFacts } from '../../clients/personnel-client';
import {
  assertAboveCurrentPost,
  assertRoomForTitleAtLevel,
  realisingAppointment,
  serviceLeftWarnings,
} from './planning-rules';

export interface Requester {
  requestId: string | null;
  identity: Identity;
}

function decisionProblems(input: PlanningDecisionInput) {
  return input.decisionNumber.trim()
    ? []
    : [{ field: 'decisionNumber', reason: 'REQUIRED', message: 'Every addition and removal cites a decision.' }];
}

function assertRank(input: AddPlanningEntryInput): void {
  if (input.candidateRank != null && input.candidateRank < 1) {
    throw new InvalidInputError([{ field: 'candidateRank', reason: 'OUT_OF_RANGE', message: 'Ranks start at 1.' }]);
  }
}

export class PlanningEntryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly entries: PlanningEntryRepository,
    private readonly plannedTitles: PlannedTitleRepository,
    private readonly terms: TermRepository,
    private readonly personnel: PersonnelClient,
  ) {}

  /**
   * Rules 14 and 15 on a new candidacy. The planned title's row lock queues additions to one title,
   * and the database's candidate counter refuses the one too many even if that lock were missed.
   */
  async add(input: AddPlanningEntryInput, by: Requester): Promise<PlanningEntry> {
    parseId(input.plannedTitleId, 'plannedTitleId');
    const cadreId = parseId(input.cadreId, 'cadreId');
    if (input.roundId) parseId(input.roundId, 'roundId');
    assertRank(input);
    const facts = await this.personnel.cadre(cadreId, by.requestId);
    // An organizer plans only cadres of their own subtree: outside it the cadre does not exist for them.
    if (!facts || !cadreInScope(by.identity, 'writeEntry', facts.orgUnit.id)) throw notFound('Cadre', 'cadreId');
    return this.unitOfWork((manager) => this.addIn(manager, input, facts));
  }

  /**
   * The candidacy's rules and write in the caller's transaction, with the cadre's facts asked
   * before it (a planning list's import asks for the whole batch at once) and found in scope.
   */
  async addIn(manager: Transaction, input: AddPlanningEntryInput, facts: PlanningFacts): Promise<PlanningEntry> {
    const plannedTitleId = parseId(input.plannedTitleId, 'plannedTitleId');
    const cadreId = parseId(input.cadreId, 'cadreId');
    const roundId = input.roundId ? parseId(input.roundId, 'roundId') : null;
    assertRank(input);
    const plannedTitle = await this.plannedTitles.lock(manager, plannedTitleId);
    if (!plannedTitle) throw notFound('PlannedTitle', 'plannedTitleId');
    const governed = await this.terms.termWithRules(manager, plannedTitle.termId);
    if (!governed)
      throw new RuleViolationError(
        'TERM_WITHOUT_RULE_SET',
        'The term has no rule set; planning for it is closed.',
        'plannedTitleId',
      );
    const { term, ruleSet } = governed;
    assertTermOpen(term, today(), 'plannedTitleId');
    if (roundId) {
      const round = await this.entries.roundById(manager, roundId);
      if (!round || round.termId !== term.id)
        throw new RuleViolationError('ROUND_OF_ANOTHER_TERM', 'The round reviews another term.', 'roundId');
      if (round.closedOn)
        throw new RuleViolationError('ROUND_CLOSED', `The round closed on ${round.closedOn}.`, 'roundId');
    }
    await this.entries.lockCadre(manager, cadreId);
    assertAboveCurrentPost(facts, plannedTitle.titleRank);
    assertRoomForTitleAtLevel(
      await this.entries.countActiveAtLevel(manager, cadreId, term.id, plannedTitle.titleLevel),
      plannedTitle.titleLevel,
      term.code,
      ruleSet.limits,
    );
    const warnings = serviceLeftWarnings(facts, referenceDate(term, plannedTitle.titleLevel), ruleSet.limits);
    return this.entries.insert(manager, {
      cadreId,
      titleId: plannedTitle.titleId,
      termId: term.id,
      plannedTitleId,
      status: PlanningStatus.PROPOSED,
      source: input.source,
      readiness: input.readiness ?? null,
      candidateRank: input.candidateRank ?? null,
      emergencySuccessor: input.emergencySuccessor,
      roundId,
      cadreSex: facts.sex,
      cadreDateOfBirth: facts.dateOfBirth,
      cadreEthnicity: facts.ethnicity,
      cadreOrgUnitId: facts.orgUnit.id,
      warnings,
    });
  }

  /** approvePlanningEntry; in the caller's transaction when given one (a planning list's row). */
  approve(input: PlanningDecisionInput, within?: Transaction): Promise<PlanningEntry> {
    return this.move(
      input,
      [PlanningStatus.PROPOSED],
      PlanningStatus.APPROVED,
      { addedDecisionNumber: input.decisionNumber.trim(), addedOn: input.decisionDate },
      async (manager, entry) => {
        const term = await this.terms.termById(manager, entry.termId);
        assertTermOpen(term, today(), 'entryId');
      },
      within,
    );
  }

  /**
   * The cadre was appointed to the title: the planning came true (issue 15, item 3). It must follow
   * from an appointment in the cadre's career, which personnel owns and is asked for (signed as the
   * planning service): an assignment to the planned title (in the planned unit, for a unit's
   * title), neither acting nor cancelled, that took effect on or after the approval decision and on
   * or before the realisation decision. Without one: `NO_MATCHING_APPOINTMENT`, nothing changed.
   */
  async realise(input: PlanningDecisionInput, by: Requester): Promise<PlanningEntry> {
    const id = parseId(input.entryId, 'entryId');
    const entry = await this.entries.findById(id);
    if (!entry) throw notFound('PlanningEntry', 'entryId');
    const [plannedTitle] = await this.plannedTitles.findByIds([entry.plannedTitleId]);
    if (!plannedTitle) throw notFound('PlannedTitle', 'entryId');
    // Asked before the transaction opens: no lock is held while waiting on the network.
    const assignments = (await this.personnel.assignmentsTo(entry.cadreId, entry.titleId, by.requestId)) ?? [];
    return this.realiseFrom(input, entry, plannedTitle.orgUnitId, assignments);
  }

  /**
   * realise's rule and write, with the cadre's assignments to the title asked of personnel before
   * (a planning list's import asks for its whole batch at once), in the caller's transaction when
   * given one.
   */
  realiseFrom(
    input: PlanningDecisionInput,
    entry: Pick<PlanningEntry, 'addedOn'>,
    plannedUnitId: string | null,
    assignments: CareerAssignment[],
    within?: Transaction,
  ): Promise<PlanningEntry> {
    const appointment = realisingAppointment(assignments, plannedUnitId, entry.addedOn, input.decisionDate);
    const changes = appointment
      ? {
          realisedAssignmentId: appointment.id,
          realisedOn: appointment.startsOn,
          realisedDecisionNumber: input.decisionNumber.trim(),
        }
      : {};
    return this.move(
      input,
      [PlanningStatus.APPROVED],
      PlanningStatus.REALISED,
      changes,
      async () => {
        // Checked after the status (an entry not approved is refused INVALID_TRANSITION first).
        if (!appointment) {
          throw new RuleViolationError(
            'NO_MATCHING_APPOINTMENT',
            'The cadre’s career has no appointment to the planned title made between the approval decision and the realisation decision; an entry is realised by its appointment.',
            'entryId',
          );
        }
      },
      within,
    );
  }

  /** removePlanningEntry; in the caller's transaction when given one (a planning list's row). */
  remove(input: RemovePlanningEntryInput, within?: Transaction): Promise<PlanningEntry> {
    return this.move(
      input,
      [PlanningStatus.PROPOSED, PlanningStatus.APPROVED],
      PlanningStatus.REMOVED,
      {
        removedDecisionNumber: input.decisionNumber.trim(),
        removedOn: input.decisionDate,
        removalReason: input.reason,
      },
      undefined,
      within,
    );
  }

  private async move(
    input: PlanningDecisionInput,
    from: PlanningStatus[],
    to: PlanningStatus,
    changes: Partial<PlanningEntry>,
    check?: (transaction: Transaction, entry: PlanningEntry) => Promise<void>,
    within?: Transaction,
  ): Promise<PlanningEntry> {
    const id = parseId(input.entryId, 'entryId');
    const problems = decisionProblems(input);
    if (input.decisionDate > today())
      problems.push({
        field: 'decisionDate',
        reason: 'DATE_IN_FUTURE',
        message: 'The decision date is in the future.',
      });
    if (problems.length) throw new InvalidInputError(problems);
    const work = async (manager: Transaction): Promise<PlanningEntry> => {
      const entry = await this.entries.lock(manager, id);
      if (!entry) throw notFound('PlanningEntry', 'entryId');
      if (!from.includes(entry.status)) {
        throw new RuleViolationError(
          'INVALID_TRANSITION',
          `A planning entry cannot go from ${entry.status} to ${to}.`,
          'entryId',
        );
      }
      await check?.(manager, entry);
      return this.entries.update(manager, id, { ...changes, status: to });
    };
    return within ? work(within) : this.unitOfWork(work);
  }
}
