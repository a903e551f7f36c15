import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { decisionFor, requireCadreWritable } from '../../access';
import type { PersonnelServices } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { Evaluation } from './evaluation.entity';
import { RecordEvaluationInput } from './evaluation.inputs';

@ObjectType()
export class EvaluationPayload {
  @Field(() => Evaluation, { nullable: true }) evaluation: Evaluation | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  constructor(private readonly services: PersonnelServices) {}

  @Mutation(() => EvaluationPayload, { description: 'Records a yearly evaluation; one per cadre and year.' })
  async recordEvaluation(
    @Arg('input') input: RecordEvaluationInput,
    @Ctx() context: PersonnelContext,
  ): Promise<EvaluationPayload> {
    await requireCadreWritable(context, input.cadreId);
    // A decision the writer cannot see is refused as one that does not exist, in the payload.
    return payloadOf('evaluation', async () => {
      await decisionFor(context, 'citeDecision', input.decisionId);
      return this.services.evaluations.record(input, actorOf(context));
    });
  }
}
