import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RemovalReason } from '../round/round.entity';
import { PlanningSource, Readiness } from './planning-entry.entity';

@InputType({
  description: 'Proposes a cadre for a planned title; rules 14 and 15 are checked against personnel’s record.',
})
export class AddPlanningEntryInput {
  @Field(() => ID) plannedTitleId: string;
  @Field(() => ID) cadreId: string;
  @Field(() => PlanningSource, { defaultValue: PlanningSource.INTERNAL }) source: PlanningSource;
  @Field(() => Readiness, { nullable: true }) readiness?: Readiness;
  @Field(() => Int, { nullable: true }) candidateRank?: number;
  @Field({ defaultValue: false }) emergencySuccessor: boolean;
  @Field(() => ID, { nullable: true, description: 'The annual review round proposing it, if any.' }) roundId?: string;
}

@InputType({ description: 'A decision approving, realising or removing an entry.' })
export class PlanningDecisionInput {
  @Field(() => ID) entryId: string;
  @Field() decisionNumber: string;
  @Field(() => LocalDateResolver) decisionDate: string;
}

@InputType()
export class RemovePlanningEntryInput extends PlanningDecisionInput {
  @Field(() => RemovalReason) reason: RemovalReason;
}
