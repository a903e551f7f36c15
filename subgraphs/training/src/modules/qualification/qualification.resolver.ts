import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { TrainingServices } from '../../container';
import type { TrainingContext } from '../../context';
import { policy } from '../../policy';
import { RecordPriorQualificationInput } from '../programme/catalogue.inputs';
import { Qualification } from './qualification.entity';

@ObjectType()
export class QualificationPayload {
  @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Qualification)
export class QualificationResolver {
  constructor(private readonly services: TrainingServices) {}

  @Mutation(() => QualificationPayload, {
    description: 'Records a qualification from the cadre’s file (held before, or earned elsewhere).',
  })
  recordPriorQualification(
    @Arg('input') input: RecordPriorQualificationInput,
    @Ctx() { identity, requestId }: TrainingContext,
  ): Promise<QualificationPayload> {
    policy.require(identity, 'writeCadreTraining');
    return payloadOf('qualification', async () => {
      // The cadre must exist, in the caller's subtrees: personnel says where they are.
      await this.services.enrollments.requireVisibleCadre(input.cadreId, { requestId, identity });
      return this.services.catalogue.recordPriorQualification(input);
    });
  }
}
