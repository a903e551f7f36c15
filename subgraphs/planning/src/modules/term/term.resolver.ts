import { InvalidInputError, parseId } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { PlanningContext, PlanningRepositories } from '../../context';
import { inTransaction } from '../../database-errors';
import { plannedTitleVisible, policy } from '../../policy';
import { PlannedTitle } from '../planned-title/planned-title.entity';
import { RuleSet } from '../rule-set/rule-set.entity';
import { Term, TermTrack } from './term.entity';

@InputType()
export class CreateTermInput {
  @Field({ description: 'e.g. "2025-2030".' }) code: string;
  @Field(() => TermTrack) track: TermTrack;
  @Field(() => Int) startYear: number;
  @Field(() => Int) endYear: number;
  @Field(() => ID, { nullable: true }) pairedTermId?: string;
  @Field({ description: 'QD-50-2021 or QD-377-2025.' }) ruleSetCode: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Age reference date per title level, e.g. {"PROVINCE": "2025-10-01"}.' })
  ageReferenceDates?: Record<string, string>;
}

@ObjectType()
export class TermPayload {
  @Field(() => Term, { nullable: true }) term: Term | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Term)
export class TermResolver {
  constructor(private readonly planning: PlanningRepositories) {}

  @Query(() => [Term], { description: 'Every term, oldest first.' })
  terms(@Ctx() { identity }: PlanningContext): Promise<Term[]> {
    policy.require(identity, 'readReference');
    return this.planning.terms.findAll();
  }

  @Query(() => [RuleSet], { description: 'The planning rule sets, with their limits and legal basis.' })
  planningRuleSets(@Ctx() { identity }: PlanningContext): Promise<RuleSet[]> {
    policy.require(identity, 'readReference');
    return this.planning.dataSource.getRepository(RuleSet).find({ order: { code: 'ASC' } });
  }

  @Mutation(() => TermPayload, { description: 'Opens a planning term for the whole province (ADMIN).' })
  createTerm(@Arg('input') input: CreateTermInput, @Ctx() { identity }: PlanningContext): Promise<TermPayload> {
    policy.require(identity, 'writeReference');
    return payloadOf('term', () => {
      const problems = [];
      if (input.endYear <= input.startYear) problems.push({ field: 'endYear', reason: 'END_BEFORE_START', message: 'A term ends after it starts.' });
      for (const [level, date] of Object.entries(input.ageReferenceDates ?? {})) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(String(date))) problems.push({ field: `ageReferenceDates.${level}`, reason: 'NOT_A_DATE', message: 'An ISO date.' });
      }
      if (problems.length) throw new InvalidInputError(problems);
      return inTransaction(this.planning.dataSource, async (manager) => {
        if (!(await manager.getRepository(RuleSet).existsBy({ code: input.ruleSetCode }))) {
          throw new InvalidInputError([{ field: 'ruleSetCode', reason: 'NOT_FOUND', message: 'No such rule set.' }]);
        }
        return manager.getRepository(Term).save({
          code: input.code.trim(),
          track: input.track,
          startYear: input.startYear,
          endYear: input.endYear,
          pairedTermId: input.pairedTermId ? parseId(input.pairedTermId, 'pairedTermId') : null,
          ruleSetCode: input.ruleSetCode,
          ageReferenceDates: input.ageReferenceDates ?? {},
        });
      });
    });
  }

  @FieldResolver(() => Term, { nullable: true, description: 'The paired term of the other track (Party ↔ State).' })
  pairedTerm(@Root() term: Term, @Ctx() { loaders }: PlanningContext): Promise<Term | null> | null {
    return term.pairedTermId ? loaders.termById.load(term.pairedTermId) : null;
  }

  @FieldResolver(() => RuleSet, { nullable: true, description: 'The rule set governing the term’s planning.' })
  ruleSet(@Root() term: Term, @Ctx() { loaders }: PlanningContext): Promise<RuleSet | null> | null {
    return term.ruleSetCode ? loaders.ruleSetByCode.load(term.ruleSetCode) : null;
  }

  @FieldResolver(() => [PlannedTitle], { description: 'The term’s planned titles: the province’s own, and those of units in your subtrees.' })
  async plannedTitles(@Root() term: Term, @Ctx() { identity }: PlanningContext): Promise<PlannedTitle[]> {
    policy.require(identity, 'readPlannedTitle');
    return (await this.planning.plannedTitles.findByTerm(term.id)).filter((plannedTitle) => plannedTitleVisible(identity, plannedTitle));
  }
}
