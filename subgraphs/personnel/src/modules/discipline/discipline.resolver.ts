import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { decisionFor, requireCadreWritable } from '../../access';
import type { PersonnelServices } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { addMonths, today } from '@cadres/core';
import { Discipline } from './discipline.entity';
import { RecordDisciplineInput } from './discipline.inputs';

@ObjectType()
export class DisciplinePayload {
  @Field(() => Discipline, { nullable: true }) discipline: Discipline | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Discipline)
export class DisciplineResolver {
  constructor(private readonly services: PersonnelServices) {}

  @Mutation(() => DisciplinePayload, {
    description: 'Records a disciplinary measure; it blocks promotion for the configured months.',
  })
  async recordDiscipline(
    @Arg('input') input: RecordDisciplineInput,
    @Ctx() context: PersonnelContext,
  ): Promise<DisciplinePayload> {
    await requireCadreWritable(context, input.cadreId);
    // A decision the writer cannot see is refused as one that does not exist, in the payload.
    return payloadOf('discipline', async () => {
      await decisionFor(context, 'citeDecision', input.decisionId);
      return this.services.disciplines.record(input, actorOf(context));
    });
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description:
      'First day a promotion is possible again (rule 12, with the rules in force today); null for a cancelled measure, which blocks nothing.',
  })
  async blocksPromotionUntil(
    @Root() discipline: Discipline,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<string | null> {
    if (discipline.cancelled) return null;
    const rules = await loaders.rulesOn.load(today());
    return addMonths(discipline.effectiveOn, rules.disciplineBlockMonths[discipline.form]);
  }
}
