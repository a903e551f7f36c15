import type { Identity } from '@cadres/core';
import { MutationAuditEntry, ReadAuditEntry } from '@cadres/subgraph-kit';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { notFound, policy, statisticsUnits } from '../../policy';
import { RuleSet } from '../rule-set/rule-set.entity';
import type { Term } from '../term/term.entity';
import { referenceDate } from '../term/term.rules';
import {
  BenchStrength,
  EntriesByTitle,
  PoolComposition,
  RoundChanges,
  SuccessionRisk,
  TermEntryTotal,
} from './statistics.types';

const percent = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

const SUBTREE = {
  nullable: true,
  description: 'Only this org unit and its sub-units (within your own units).',
} as const;

/** The planning dashboards' questions (DOMAIN.md), answered by aggregate SQL. */
@Resolver()
export class PlanningStatisticsResolver {
  constructor(private readonly planning: PlanningContainer) {}

  /**
   * The units a statistic counts: the caller's (null: everything, for ADMIN), narrowed to a subtree
   * when the dashboard filters by unit (`StatisticsUnits`: outside the caller's units, nothing).
   */
  private units(identity: Identity, orgUnitSubtree: string | undefined): Promise<string[] | null> {
    return this.planning.statisticsUnits.within(statisticsUnits(identity), orgUnitSubtree);
  }

  private async term(code: string, context: PlanningContext): Promise<{ term: Term; ruleSet: RuleSet }> {
    policy.require(context.identity, 'readStatistics');
    const governed = await this.planning.terms.findWithRulesByCode(code);
    if (!governed) throw notFound('Term', 'termCode');
    return governed;
  }

  @Query(() => [TermEntryTotal], { description: 'Planning entries (lượt) and distinct cadres per term.' })
  async planningTermTotals(
    @Arg('termCodes', () => [String], { nullable: true }) termCodes: string[] | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<TermEntryTotal[]> {
    return this.planning.statistics.termTotals(termCodes ?? null, await this.units(context.identity, orgUnitSubtree));
  }

  @Query(() => [EntriesByTitle], { description: 'Entries by term, title and level, by status.' })
  async planningEntriesByTitle(
    @Arg('termCodes', () => [String], { nullable: true }) termCodes: string[] | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<EntriesByTitle[]> {
    const rows = await this.planning.statistics.entriesByTitle(
      termCodes ?? null,
      await this.units(context.identity, orgUnitSubtree),
    );
    return rows.map(({ titleId, orgUnitId: _unit, ...row }) => ({ ...row, title: { id: titleId } }));
  }

  @Query(() => [BenchStrength], {
    description:
      'Bench strength: planned titles with 0, 1, 2 and 3 candidates (filtered by unit: that subtree’s titles, not the province’s own).',
  })
  async benchStrength(
    @Arg('termCode') termCode: string,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<BenchStrength[]> {
    const { term } = await this.term(termCode, context);
    // The province's own titles (no unit) are every scoped caller's too, but no unit's subtree holds them.
    return this.planning.statistics.benchStrength(
      term.id,
      await this.units(context.identity, orgUnitSubtree),
      !orgUnitSubtree,
    );
  }

  @Query(() => PoolComposition, {
    description: 'The term’s pool against the targets: young, women, ethnic minorities, age brackets.',
  })
  async poolComposition(
    @Arg('termCode') termCode: string,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<PoolComposition> {
    const { term, ruleSet } = await this.term(termCode, context);
    const { youngAgeLimit, ageBracketYears: step, targetYoungPercent, targetWomenPercent } = ruleSet.limits;
    const row = await this.planning.statistics.poolComposition(
      term.id,
      referenceDate(term, 'PROVINCE'),
      youngAgeLimit,
      step,
      await this.units(context.identity, orgUnitSubtree),
    );
    const youngPercent = percent(row.young, row.cadres);
    const womenPercent = percent(row.women, row.cadres);
    return {
      termCode,
      cadres: row.cadres,
      young: row.young,
      youngPercent,
      youngTargetPercent: targetYoungPercent,
      women: row.women,
      womenPercent,
      womenTargetPercent: targetWomenPercent,
      ethnicMinorities: row.ethnicMinorities,
      ethnicMinorityPercent: percent(row.ethnicMinorities, row.cadres),
      ageBrackets: [
        { label: `under ${youngAgeLimit}`, cadres: row.b0 },
        { label: `${youngAgeLimit}–${youngAgeLimit + step - 1}`, cadres: row.b1 },
        { label: `${youngAgeLimit + step}–${youngAgeLimit + 2 * step - 1}`, cadres: row.b2 },
        { label: `${youngAgeLimit + 2 * step} and over`, cadres: row.b3 },
      ],
      // Three age brackets five years apart must each be represented, as well as the two targets.
      meetsTargets:
        youngPercent >= targetYoungPercent &&
        womenPercent >= targetWomenPercent &&
        [row.b0, row.b1, row.b2].every((n) => n > 0),
    };
  }

  @Query(() => [SuccessionRisk], {
    description: 'Incumbents who retire within the term while their title has no READY_NOW successor.',
  })
  async successionRisks(
    @Arg('termCode') termCode: string,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<SuccessionRisk[]> {
    const { requestId } = context;
    const { term } = await this.term(termCode, context);
    const units = await this.units(context.identity, orgUnitSubtree);
    // An incumbent counts where they work, as a candidate does.
    const unitSet = units && new Set(units);
    const titles = (await this.planning.statistics.titleReadiness(term.id)).filter((t) => t.readyNow === 0);
    const holders = await this.planning.personnel.holders([...new Set(titles.map((t) => t.titleId))], requestId);
    const termEnd = `${term.endYear}-12-31`;
    return titles.flatMap((t) =>
      holders
        .filter(
          (h) =>
            h.titleId === t.titleId &&
            (!t.orgUnitId || h.orgUnitId === t.orgUnitId) &&
            h.retirementDate <= termEnd &&
            (!unitSet || unitSet.has(h.orgUnitId)),
        )
        .map((h) => ({
          plannedTitleId: t.plannedTitleId,
          title: { id: t.titleId },
          orgUnitId: t.orgUnitId,
          incumbentId: h.cadreId,
          incumbentRetiresOn: h.retirementDate,
          candidates: t.candidates,
        })),
    );
  }

  @Query(() => [RoundChanges], { description: 'Additions and confirmed removals per review round, by reason.' })
  async planningRoundChanges(
    @Arg('termCode', () => String, { nullable: true }) termCode: string | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() context: PlanningContext,
  ): Promise<RoundChanges[]> {
    const units = await this.units(context.identity, orgUnitSubtree);
    return this.planning.statistics.roundChanges(termCode ? (await this.term(termCode, context)).term.id : null, units);
  }

  @Query(() => [ReadAuditEntry], {
    description:
      'Partner agencies’ reads of sensitive planning fields (standards gaps, removal reasons, review flags), newest first (ADMIN).',
  })
  planningReadAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: PlanningContext,
  ): Promise<ReadAuditEntry[]> {
    policy.require(identity, 'readAudit');
    return this.planning.audit.reads(Math.min(Math.max(first, 1), 1000));
  }

  @Query(() => [MutationAuditEntry], { description: 'Every planning mutation as received, newest first (ADMIN).' })
  planningMutationAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: PlanningContext,
  ): Promise<MutationAuditEntry[]> {
    policy.require(identity, 'readAudit');
    return this.planning.audit.mutations(Math.min(Math.max(first, 1), 1000));
  }
}
