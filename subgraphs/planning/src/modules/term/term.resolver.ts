import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { policy } from '../../policy';
import { RuleSet } from '../rule-set/rule-set.entity';
import { Term } from './term.entity';
import { CreateTermInput } from './term.inputs';

@ObjectType()
export class TermPayload {
  @Field(() => Term, { nullable: true }) term: Term | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Term)
export class TermResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @Query(() => [Term], { description: 'Every term, oldest first.' })
  terms(@Ctx() { identity }: PlanningContext): Promise<Term[]> {
    policy.require(identity, 'readReference');
    return this.planning.terms.findAll();
  }

  @Query(() => [RuleSet], { description: 'The planning rule sets, with their limits and legal basis.' })
  planningRuleSets(@Ctx() { identity }: PlanningContext): Promise<RuleSet[]> {
    policy.require(identity, 'readReference');
    return this.planning.terms.findAllRuleSets();
  }

  @Mutation(() => TermPayload, { description: 'Opens a planning term for the whole province (ADMIN).' })
  createTerm(@Arg('input') input: CreateTermInput, @Ctx() { identity }: PlanningContext): Promise<TermPayload> {
    policy.require(identity, 'writeReference');
    return payloadOf('term', () => this.planning.services.terms.create(input));
  }

  @FieldResolver(() => Term, { nullable: true, description: 'The paired term of the other track (Party ↔ State).' })
  pairedTerm(@Root() term: Term, @Ctx() { loaders }: PlanningContext): Promise<Term | null> | null {
    return term.pairedTermId ? loaders.termById.load(term.pairedTermId) : null;
  }

  @FieldResolver(() => RuleSet, { nullable: true, description: 'The rule set governing the term’s planning.' })
  ruleSet(@Root() term: Term, @Ctx() { loaders }: PlanningContext): Promise<RuleSet | null> | null {
    return term.ruleSetCode ? loaders.ruleSetByCode.load(term.ruleSetCode) : null;
  }
}
