import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { decisionFor, requireAction } from '../../access';
import type { PersonnelServices } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { Decision } from './decision.entity';
import { CancelDecisionInput, CreateDecisionInput } from './decision.inputs';

@ObjectType()
export class DecisionPayload {
  @Field(() => Decision, { nullable: true }) decision: Decision | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Decision)
export class DecisionResolver {
  constructor(private readonly services: PersonnelServices) {}

  @Query(() => Decision, { nullable: true })
  decision(@Arg('id', () => ID) rawId: string, @Ctx() context: PersonnelContext): Promise<Decision> {
    // A decision's subject names the cadre and the change: for the province's own staff, and only
    // when it concerns a cadre they see (or they registered it); otherwise it does not exist.
    return decisionFor(context, 'readDecision', rawId, 'id');
  }

  @Mutation(() => DecisionPayload, { description: 'Registers a signed decision so that changes can cite it.' })
  createDecision(@Arg('input') input: CreateDecisionInput, @Ctx() context: PersonnelContext): Promise<DecisionPayload> {
    requireAction(context, 'createDecision');
    return payloadOf('decision', () => this.services.decisions.create(input, actorOf(context)));
  }

  @Mutation(() => DecisionPayload, { description: 'Cancels a decision by another; everything it changed is restored.' })
  cancelDecision(@Arg('input') input: CancelDecisionInput, @Ctx() context: PersonnelContext): Promise<DecisionPayload> {
    // Cancelling undoes whatever the decision did, in any unit: an ADMIN's act.
    requireAction(context, 'cancelDecision');
    return payloadOf('decision', () => this.services.decisions.cancel(input, actorOf(context)));
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'The decision that cancelled this one.' })
  cancelledBy(@Root() decision: Decision, @Ctx() { loaders }: PersonnelContext): Promise<Decision | null> | null {
    return decision.cancelledById ? loaders.decisionById.load(decision.cancelledById) : null;
  }
}
