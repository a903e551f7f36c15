import { Field, ID, InputType, Int } from 'type-graphql';
import { EvaluationRating } from './evaluation.entity';

@InputType()
export class RecordEvaluationInput {
  @Field(() => ID) cadreId: string;
  @Field(() => Int) year: number;
  @Field(() => EvaluationRating) rating: EvaluationRating;
  @Field(() => ID) decisionId: string;
}
