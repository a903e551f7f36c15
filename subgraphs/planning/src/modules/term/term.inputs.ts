import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { TermTrack } from './term.entity';

@InputType()
export class CreateTermInput {
  @Field({ description: 'e.g. "2025-2030".' }) code: string;
  @Field(() => TermTrack) track: TermTrack;
  @Field(() => Int) startYear: number;
  @Field(() => Int) endYear: number;
  @Field(() => ID, { nullable: true }) pairedTermId?: string;
  @Field({ description: 'QD-50-2021 or QD-377-2025.' }) ruleSetCode: string;
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Age reference date per title level, e.g. {"PROVINCE": "2025-10-01"}.',
  })
  ageReferenceDates?: Record<string, string>;
}
