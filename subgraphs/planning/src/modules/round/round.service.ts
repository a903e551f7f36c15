import { InvalidInputError, parseId, RuleViolationError, today } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import { notFound } from '../../policy';
import type { PlannedTitleRepository } from '../planned-title/planned-title.repository';
import type { PersonnelClient } from '../../clients/personnel-client';
import { PlanningStatus } from '../planning-entry/planning-entry.entity';
import type { PlanningEntryRepository } from '../planning-entry/planning-entry.repository';
import type { TermRepository } from '../term/term.repository';
import type { PlanningRound, RoundFlag } from './round.entity';
import { reviewFlags } from './round.rules';
import type { RoundRepository } from './round.repository';
import type { ConfirmRemovalInput, OpenRoundInput } from './round.inputs';

export class RoundService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rounds: RoundRepository,
    private readonly entries: PlanningEntryRepository,
    private readonly plannedTitles: PlannedTitleRepository,
    private readonly terms: TermRepository,
    private readonly personnel: PersonnelClient,
  ) {}

  open(input: OpenRoundInput): Promise<PlanningRound> {
    const termId = parseId(input.termId, 'termId');
    return this.unitOfWork(async (manager) => {
      const governed = await this.terms.termWithRules(manager, termId);
      if (!governed) throw notFound('Term', 'termId');
      const { term } = governed;
      if (input.year < term.startYear || input.year > term.endYear) {
        throw new InvalidInputError([
          { field: 'year', reason: 'OUTSIDE_TERM', message: `${term.code} runs ${term.startYear}–${term.endYear}.` },
        ]);
      }
      return this.rounds.insert(manager, {
        termId,
        year: input.year,
        code: `${term.code}/${input.year}`,
        openedOn: today(),
        closedOn: null,
      });
    });
  }

  /** Reviews every active entry of the round's term against rule 16 and records the flags. */
  async review(rawRoundId: string, requestId: string | null): Promise<RoundFlag[]> {
    const roundId = parseId(rawRoundId, 'roundId');
    const round = await this.rounds.findById(roundId);
    if (!round) throw notFound('PlanningRound', 'roundId');
    if (round.closedOn)
      throw new RuleViolationError('ROUND_CLOSED', `The round closed on ${round.closedOn}.`, 'roundId');
    const active = await this.entries.findActiveInTerm(round.termId);
    const facts = new Map(
      (await this.personnel.cadres([...new Set(active.map((e) => e.cadreId))], requestId)).map((f) => [f.id, f]),
    );
    return this.unitOfWork(async (manager) => {
      const governed = (await this.terms.termWithRules(manager, round.termId))!;
      const plannedTitles = new Map((await this.plannedTitles.forTerm(manager, round.termId)).map((p) => [p.id, p]));
      const perCadreLevel = countBy(active, (e) => `${e.cadreId}:${plannedTitles.get(e.plannedTitleId)!.titleLevel}`);
      const flags: Partial<RoundFlag>[] = [];
      for (const entry of active) {
        const plannedTitle = plannedTitles.get(entry.plannedTitleId)!;
        const cadreFacts = facts.get(entry.cadreId);
        if (!cadreFacts) continue;
        const titlesAtLevel = perCadreLevel.get(`${entry.cadreId}:${plannedTitle.titleLevel}`) ?? 0;
        for (const flag of reviewFlags({
          plannedTitle,
          facts: cadreFacts,
          term: governed.term,
          limits: governed.ruleSet.limits,
          round,
          titlesAtLevel,
        })) {
          flags.push({ roundId, entryId: entry.id, ...flag });
        }
      }
      await this.rounds.insertFlags(manager, flags);
      // The review read where every candidate works today: who may see their entries follows them.
      await this.entries.moveCandidateUnits(
        manager,
        [...facts.values()].map((f) => ({ cadreId: f.id, orgUnitId: f.orgUnit.id })),
      );
      return this.rounds.flagsOf(manager, roundId);
    });
  }

  /** A decision confirms a flagged removal: the entry leaves the planning, with the flag's reason. */
  confirmRemoval(input: ConfirmRemovalInput): Promise<RoundFlag> {
    const flagId = parseId(input.flagId, 'flagId');
    if (!input.decisionNumber.trim())
      throw new InvalidInputError([
        { field: 'decisionNumber', reason: 'REQUIRED', message: 'A removal cites a decision.' },
      ]);
    return this.unitOfWork(async (manager) => {
      const flag = await this.rounds.lockFlag(manager, flagId);
      if (!flag) throw notFound('RoundFlag', 'flagId');
      if (flag.confirmedOn)
        throw new RuleViolationError('ALREADY_CONFIRMED', `Confirmed by ${flag.confirmedDecisionNumber}.`, 'flagId');
      const entry = await this.entries.lock(manager, flag.entryId);
      if (!entry || ![PlanningStatus.PROPOSED, PlanningStatus.APPROVED].includes(entry.status)) {
        throw new RuleViolationError(
          'INVALID_TRANSITION',
          `The entry is ${entry?.status}; it cannot be removed.`,
          'flagId',
        );
      }
      await this.entries.update(manager, entry.id, {
        status: PlanningStatus.REMOVED,
        removalReason: flag.reason,
        removedDecisionNumber: input.decisionNumber.trim(),
        removedOn: input.decisionDate,
      });
      return this.rounds.confirmFlag(manager, flag.id, input.decisionNumber.trim(), input.decisionDate);
    });
  }
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
