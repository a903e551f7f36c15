import { addMonths, InvalidInputError, parseId, RuleViolationError, today, yearsBetween } from '@cadres/core';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../database-errors';
import { notFound } from '../../policy';
import { PlannedTitle } from '../planned-title/planned-title.entity';
import type { PersonnelClient, PlanningFacts } from '../planning-entry/personnel-client';
import { PlanningEntry, PlanningStatus } from '../planning-entry/planning-entry.entity';
import { referenceDate } from '../planning-entry/planning-entry.service';
import type { PlanningEntryRepository } from '../planning-entry/planning-entry.repository';
import type { RuleSetLimits } from '../rule-set/rule-set.entity';
import type { Term } from '../term/term.entity';
import { PlanningRound, RemovalReason, RoundFlag } from './round.entity';
import type { ConfirmRemovalInput, OpenRoundInput } from './round.inputs';

interface ReviewCase {
  entry: PlanningEntry;
  plannedTitle: PlannedTitle;
  facts: PlanningFacts;
  term: Term;
  limits: RuleSetLimits;
  round: PlanningRound;
  titlesAtLevel: number;
}

/** Rule 16: why an entry should leave the planning this year, if it should. */
export function reviewFlags(c: ReviewCase): { reason: RemovalReason; details: string }[] {
  const flags: { reason: RemovalReason; details: string }[] = [];
  const reference = referenceDate(c.term, c.plannedTitle.titleLevel);
  const left = yearsBetween(reference, c.facts.retirementDate);
  if (left < c.limits.termYears * c.limits.minTermsOfService) {
    flags.push({ reason: RemovalReason.OVER_AGE, details: `${left.toFixed(1)} years of service left on ${reference}.` });
  }
  const since = addMonths(c.round.openedOn, -c.limits.disciplineLookbackMonths);
  const measure = c.facts.disciplines.find((d) => d.effectiveOn >= since && d.effectiveOn <= c.round.openedOn);
  if (measure) flags.push({ reason: RemovalReason.DISCIPLINED, details: `${measure.form} effective ${measure.effectiveOn}.` });
  const rating = c.facts.evaluations.find((e) => e.year === c.round.year - 1);
  if (rating?.rating === 'NOT_COMPLETED') flags.push({ reason: RemovalReason.RATED_NOT_COMPLETED, details: `Rated NOT_COMPLETED for ${rating.year}.` });
  if (c.facts.currentAssignments.some((a) => a.title.id === c.plannedTitle.titleId)) {
    flags.push({ reason: RemovalReason.ALREADY_APPOINTED, details: 'Already holds the planned title.' });
  }
  if (c.titlesAtLevel > c.limits.maxTitlesPerCadreAtLevel) {
    flags.push({ reason: RemovalReason.TOO_MANY_TITLES, details: `Planned for ${c.titlesAtLevel} titles at ${c.plannedTitle.titleLevel} level.` });
  }
  return flags;
}

export class RoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: PlanningEntryRepository,
    private readonly personnel: PersonnelClient,
  ) {}

  open(input: OpenRoundInput): Promise<PlanningRound> {
    const termId = parseId(input.termId, 'termId');
    return inTransaction(this.dataSource, async (manager) => {
      const governed = await this.entries.termWithRules(manager, termId);
      if (!governed) throw notFound('Term', 'termId');
      const { term } = governed;
      if (input.year < term.startYear || input.year > term.endYear) {
        throw new InvalidInputError([{ field: 'year', reason: 'OUTSIDE_TERM', message: `${term.code} runs ${term.startYear}–${term.endYear}.` }]);
      }
      return manager.getRepository(PlanningRound).save({ termId, year: input.year, code: `${term.code}/${input.year}`, openedOn: today(), closedOn: null });
    });
  }

  /** Reviews every active entry of the round's term against rule 16 and records the flags. */
  async review(rawRoundId: string, requestId: string | null): Promise<RoundFlag[]> {
    const roundId = parseId(rawRoundId, 'roundId');
    const round = await this.dataSource.getRepository(PlanningRound).findOneBy({ id: roundId });
    if (!round) throw notFound('PlanningRound', 'roundId');
    if (round.closedOn) throw new RuleViolationError('ROUND_CLOSED', `The round closed on ${round.closedOn}.`, 'roundId');
    const active = await this.dataSource
      .getRepository(PlanningEntry)
      .createQueryBuilder('e')
      .where('e.term_id = :termId AND is_candidate(e.status)', { termId: round.termId })
      .getMany();
    const facts = new Map((await this.personnel.cadres([...new Set(active.map((e) => e.cadreId))], requestId)).map((f) => [f.id, f]));
    return inTransaction(this.dataSource, async (manager) => {
      const governed = (await this.entries.termWithRules(manager, round.termId))!;
      const plannedTitles = new Map((await manager.getRepository(PlannedTitle).findBy({ termId: round.termId })).map((p) => [p.id, p]));
      const perCadreLevel = countBy(active, (e) => `${e.cadreId}:${plannedTitles.get(e.plannedTitleId)!.titleLevel}`);
      const flags: Partial<RoundFlag>[] = [];
      for (const entry of active) {
        const plannedTitle = plannedTitles.get(entry.plannedTitleId)!;
        const cadreFacts = facts.get(entry.cadreId);
        if (!cadreFacts) continue;
        const titlesAtLevel = perCadreLevel.get(`${entry.cadreId}:${plannedTitle.titleLevel}`) ?? 0;
        for (const flag of reviewFlags({ entry, plannedTitle, facts: cadreFacts, term: governed.term, limits: governed.ruleSet.limits, round, titlesAtLevel })) {
          flags.push({ roundId, entryId: entry.id, ...flag });
        }
      }
      if (flags.length) await manager.createQueryBuilder().insert().into(RoundFlag).values(flags).orIgnore().execute();
      // The review read where every candidate works today: who may see their entries follows them.
      const units = [...facts.values()];
      await manager.query(
        `UPDATE planning_entry e SET cadre_org_unit_id = u.unit FROM unnest($1::uuid[], $2::uuid[]) AS u(cadre, unit)
          WHERE e.cadre_id = u.cadre AND e.cadre_org_unit_id IS DISTINCT FROM u.unit`,
        [units.map((f) => f.id), units.map((f) => f.orgUnit.id)],
      );
      return manager.getRepository(RoundFlag).find({ where: { roundId }, order: { reason: 'ASC', id: 'ASC' } });
    });
  }

  /** A decision confirms a flagged removal: the entry leaves the planning, with the flag's reason. */
  confirmRemoval(input: ConfirmRemovalInput): Promise<RoundFlag> {
    const flagId = parseId(input.flagId, 'flagId');
    if (!input.decisionNumber.trim()) throw new InvalidInputError([{ field: 'decisionNumber', reason: 'REQUIRED', message: 'A removal cites a decision.' }]);
    return inTransaction(this.dataSource, async (manager: EntityManager) => {
      const flag = await manager.getRepository(RoundFlag).findOne({ where: { id: flagId }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('RoundFlag', 'flagId');
      if (flag.confirmedOn) throw new RuleViolationError('ALREADY_CONFIRMED', `Confirmed by ${flag.confirmedDecisionNumber}.`, 'flagId');
      const entry = await this.entries.lock(manager, flag.entryId);
      if (!entry || ![PlanningStatus.PROPOSED, PlanningStatus.APPROVED].includes(entry.status)) {
        throw new RuleViolationError('INVALID_TRANSITION', `The entry is ${entry?.status}; it cannot be removed.`, 'flagId');
      }
      await this.entries.update(manager, entry.id, {
        status: PlanningStatus.REMOVED,
        removalReason: flag.reason,
        removedDecisionNumber: input.decisionNumber.trim(),
        removedOn: input.decisionDate,
      });
      await manager.getRepository(RoundFlag).update(flag.id, { confirmedDecisionNumber: input.decisionNumber.trim(), confirmedOn: input.decisionDate });
      return manager.getRepository(RoundFlag).findOneByOrFail({ id: flag.id });
    });
  }
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
