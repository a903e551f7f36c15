import { BadInputError } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { TrainingContainer } from '../../container';
import type { TrainingContext } from '../../context';
import { policy, quotaInScope } from '../../policy';
import { CreateTrainingPlanInput } from '../programme/catalogue.inputs';
import { Programme } from '../programme/programme.entity';
import { Quota, TrainingPlan } from './plan.entity';

/** The years a plan can have (the table's CHECK constraint). */
const PLAN_YEARS = { from: 2000, to: 2100 };

@ObjectType()
export class TrainingPlanPayload {
  @Field(() => TrainingPlan, { nullable: true }) plan: TrainingPlan | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => TrainingPlan)
export class TrainingPlanResolver {
  constructor(private readonly training: TrainingContainer) {}

  @Query(() => [TrainingPlan], { description: 'Yearly training plans, newest first.' })
  trainingPlans(
    @Arg('year', () => Int, { nullable: true }) year: number | undefined,
    @Ctx() { identity }: TrainingContext,
  ): Promise<TrainingPlan[]> {
    policy.require(identity, 'readPlans');
    // The column is a smallint with plans from 2000 to 2100 (its CHECK): a year beyond a smallint
    // (2147483647) failed the statement, and reached the client as an internal error.
    if (year != null && (year < PLAN_YEARS.from || year > PLAN_YEARS.to))
      throw new BadInputError(
        `year: a training plan's year is between ${PLAN_YEARS.from} and ${PLAN_YEARS.to}.`,
        'year',
      );
    return this.training.plans.findPlans(year);
  }

  @Mutation(() => TrainingPlanPayload, {
    description:
      'Adopts a yearly plan with its quotas per programme, mode and unit (an ORGANIZER: for their own units only).',
  })
  createTrainingPlan(
    @Arg('input') input: CreateTrainingPlanInput,
    @Ctx() { identity }: TrainingContext,
  ): Promise<TrainingPlanPayload> {
    policy.require(identity, 'writePlan');
    return payloadOf('plan', () => this.training.services.catalogue.createTrainingPlan(input, identity));
  }

  @FieldResolver(() => [Quota])
  async quotas(@Root() plan: TrainingPlan, @Ctx() { loaders, identity }: TrainingContext): Promise<Quota[]> {
    return (await loaders.quotasByPlanId.load(plan.id)).filter((q) => quotaInScope(identity, q));
  }
}

@Resolver(() => Quota)
export class QuotaResolver {
  @FieldResolver(() => Programme)
  programme(@Root() quota: Quota, @Ctx() { loaders }: TrainingContext): Promise<Programme | null> {
    return loaders.programmeById.load(quota.programmeId);
  }
}
