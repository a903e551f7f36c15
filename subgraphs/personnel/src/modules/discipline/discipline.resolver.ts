import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { actorOf, type PersonnelContext, type PersonnelServices } from '../../context';
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

  @Mutation(() => DisciplinePayload, { description: 'Records a disciplinary measure; it blocks promotion for the configured months.' })
  recordDiscipline(@Arg('input') input: RecordDisciplineInput, @Ctx() context: PersonnelContext): Promise<DisciplinePayload> {
    return payloadOf('discipline', () => this.services.disciplines.record(input, actorOf(context)));
  }
}
