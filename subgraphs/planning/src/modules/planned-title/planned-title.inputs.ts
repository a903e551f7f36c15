import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class PlanTitleInput {
  @Field(() => ID) termId: string;
  @Field(() => ID, { description: 'A personnel Title id.' }) titleId: string;
  @Field(() => ID, { nullable: true, description: 'A personnel OrgUnit id, to plan the title for one unit.' })
  orgUnitId?: string;
  @Field(() => Int, { nullable: true, description: 'Candidate slots; the rule set’s maximum (3) by default.' })
  maxCandidates?: number;
}
