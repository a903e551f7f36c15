import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class OpenRoundInput {
  @Field(() => ID) termId: string;
  @Field(() => Int) year: number;
}

@InputType()
export class ConfirmRemovalInput {
  @Field(() => ID) flagId: string;
  @Field() decisionNumber: string;
  @Field(() => LocalDateResolver) decisionDate: string;
}
