import { BadInputError, today } from '@cadres/core';
import { MutationAuditEntry, ReadAuditEntry } from '@cadres/subgraph-kit';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { TrainingContainer } from '../../container';
import type { TrainingContext } from '../../context';
import { policy } from '../../policy';
import { ProviderLevel } from '../training-class/provider.entity';
import {
  CentralCourseAttendance,
  ClassSizeStatistics,
  CompletionRate,
  QuotaFulfilment,
  SelectionRatioCompliance,
  TraineesByCategory,
} from './statistics.types';
import { selectionRatio } from './statistics.rules';

const SUBTREE = {
  nullable: true,
  description: 'Only the trainees nominated by this unit and its sub-units (within your own units).',
} as const;

function period(from: string | undefined, to: string | undefined) {
  const p = { from: from ?? '1900-01-01', to: to ?? '2999-12-31' };
  if (p.from > p.to) throw new BadInputError('"from" is after "to"', 'from');
  return p;
}

/**
 * The training dashboards' questions (DOMAIN.md), answered by aggregate SQL over the caller's units
 * (`StatisticsUnitsService`: everything for ADMIN, the caller’s units otherwise, narrowed to a subtree
 * when asked; refused to PARTNER).
 */
@Resolver()
export class TrainingStatisticsResolver {
  constructor(private readonly training: TrainingContainer) {}

  @Query(() => [QuotaFulfilment], { description: 'Quota fulfilment by plan year, programme, mode and unit.' })
  async quotaFulfilment(
    @Arg('year', () => Int, { nullable: true }) year: number | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<QuotaFulfilment[]> {
    return this.training.statistics.quotaFulfilment(
      year ?? null,
      await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
    );
  }

  @Query(() => [ClassSizeStatistics], {
    description: 'Classes per programme and mode starting in a period, with average and largest size against the cap.',
  })
  async classSizeStatistics(
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | undefined,
    @Arg('providerLevel', () => ProviderLevel, { nullable: true }) providerLevel: ProviderLevel | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<ClassSizeStatistics[]> {
    return this.training.statistics.classSizes(
      period(from, to),
      providerLevel ?? null,
      await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
    );
  }

  @Query(() => [TraineesByCategory], { description: 'Classes and trainees per programme category in a period.' })
  async traineesByCategory(
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | undefined,
    @Arg('providerLevel', () => ProviderLevel, { nullable: true }) providerLevel: ProviderLevel | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<TraineesByCategory[]> {
    return this.training.statistics.traineesByCategory(
      period(from, to),
      providerLevel ?? null,
      await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
    );
  }

  @Query(() => [CompletionRate], { description: 'Completion rates of classes ending in a period, per programme.' })
  async completionRates(
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<CompletionRate[]> {
    return this.training.statistics.completionRates(
      period(from, to),
      await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
    );
  }

  @Query(() => [SelectionRatioCompliance], {
    description: 'Rule 3: the concentrated : non-concentrated selection ratio per plan and programme.',
  })
  async selectionRatioCompliance(
    @Arg('year', () => Int, { nullable: true }) year: number | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<SelectionRatioCompliance[]> {
    const [rows, rules] = await Promise.all([
      this.training.statistics.selectionCounts(
        year ?? null,
        await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
      ),
      this.training.ruleBook.valuesAt(today()),
    ]);
    return rows.map((row) => selectionRatio(row, rules.nonConcentratedPerConcentrated));
  }

  @Query(() => [CentralCourseAttendance], { description: 'Cadres sent to central courses in a period, per programme.' })
  async centralCourseAttendance(
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | undefined,
    @Arg('orgUnitSubtree', () => ID, SUBTREE) orgUnitSubtree: string | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<CentralCourseAttendance[]> {
    return this.training.statistics.centralCourses(
      period(from, to),
      await this.training.services.statisticsUnits.of(identity, orgUnitSubtree),
    );
  }

  @Query(() => [MutationAuditEntry], { description: 'Every training mutation as received, newest first (ADMIN).' })
  trainingMutationAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: TrainingContext,
  ): Promise<MutationAuditEntry[]> {
    policy.require(identity, 'readAudit');
    return this.training.audit.mutations(Math.min(Math.max(first, 1), 1000));
  }

  @Query(() => [ReadAuditEntry], {
    description: 'Partner agencies’ reads of sensitive training fields (eligibility snapshots), newest first (ADMIN).',
  })
  trainingReadAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: TrainingContext,
  ): Promise<ReadAuditEntry[]> {
    policy.require(identity, 'readAudit');
    return this.training.audit.reads(Math.min(Math.max(first, 1), 1000));
  }
}
