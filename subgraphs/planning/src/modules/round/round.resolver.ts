import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { entryVisible, policy } from '../../policy';
import { PlanningEntry } from '../planning-entry/planning-entry.entity';
import { ConfirmRemovalInput, OpenRoundInput } from './round.inputs';
import { PlanningRound, RoundFlag } from './round.entity';

@ObjectType()
export class PlanningRoundPayload {
  @Field(() => PlanningRound, { nullable: true }) round: PlanningRound | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RoundReviewPayload {
  @Field(() => [RoundFlag], { nullable: true }) flags: RoundFlag[] | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RoundFlagPayload {
  @Field(() => RoundFlag, { nullable: true }) flag: RoundFlag | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => RoundFlag)
export class PlanningRoundResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @Mutation(() => PlanningRoundPayload, { description: 'Opens the annual review of a term’s planning.' })
  openPlanningRound(
    @Arg('input') input: OpenRoundInput,
    @Ctx() { identity }: PlanningContext,
  ): Promise<PlanningRoundPayload> {
    policy.require(identity, 'reviewRound');
    return payloadOf('round', () => this.planning.services.rounds.open(input));
  }

  @Mutation(() => RoundReviewPayload, {
    description:
      'Flags entries for removal (rule 16): over age, disciplined, rated NOT_COMPLETED, already appointed, too many titles.',
  })
  reviewPlanningRound(
    @Arg('roundId', () => ID) roundId: string,
    @Ctx() { requestId, identity }: PlanningContext,
  ): Promise<RoundReviewPayload> {
    policy.require(identity, 'reviewRound');
    return payloadOf('flags', () => this.planning.services.rounds.review(roundId, requestId));
  }

  @Mutation(() => RoundFlagPayload, { description: 'Confirms a flagged removal with a decision.' })
  confirmPlanningRemoval(
    @Arg('input') input: ConfirmRemovalInput,
    @Ctx() { identity }: PlanningContext,
  ): Promise<RoundFlagPayload> {
    policy.require(identity, 'reviewRound');
    return payloadOf('flag', () => this.planning.services.rounds.confirmRemoval(input));
  }

  @FieldResolver(() => PlanningEntry, { nullable: true, description: 'The entry flagged (null outside your scope).' })
  async entry(@Root() flag: RoundFlag, @Ctx() { loaders, identity }: PlanningContext): Promise<PlanningEntry | null> {
    const entry = await loaders.entryById.load(flag.entryId);
    return entry && entryVisible(identity, entry) ? entry : null;
  }
}
