import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateDecisionInput {
  @Field({ description: 'e.g. "1234-QĐ/TU"; unique.' }) number: string;
  @Field(() => LocalDateResolver) signedOn: string;
  @Field() signingAuthority: string;
  @Field() legalBasis: string;
  @Field(() => LocalDateResolver) effectiveOn: string;
  @Field() subject: string;
}

@InputType()
export class CancelDecisionInput {
  @Field(() => ID) decisionId: string;
  @Field(() => ID, { description: 'The decision that cancels it.' }) cancellingDecisionId: string;
  @Field() reason: string;
}
