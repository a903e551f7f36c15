import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { PlanningSource, PlanningStatus, Readiness } from '../planning-entry/planning-entry.entity';

/** One row of a term's planning list (`@cadres/exchange`'s planning-list columns): one cadre for one title. */
@InputType()
export class PlanningListImportRow {
  @Field(() => Int, { description: 'The row’s number in the file, echoed in the problems.' }) row: number;
  @Field() termCode: string;
  @Field({ description: 'The planned title’s code (personnel’s title).' }) titleCode: string;
  @Field(() => String, { nullable: true, description: 'The planned title’s unit, when the term plans it per unit.' })
  orgUnitCode?: string | null;
  @Field() personalIdNumber: string;
  @Field(() => String, { nullable: true, description: 'Checked against personnel’s record, not written.' })
  fullName?: string | null;
  @Field(() => PlanningSource, { nullable: true, description: 'INTERNAL when left out.' })
  source?: PlanningSource | null;
  @Field(() => Readiness, { nullable: true }) readiness?: Readiness | null;
  @Field(() => Int, { nullable: true }) candidateRank?: number | null;
  @Field(() => PlanningStatus, {
    nullable: true,
    description: 'PROPOSED (when left out) or APPROVED, with the approving decision.',
  })
  status?: PlanningStatus | null;
  @Field(() => String, { nullable: true, description: 'The approving decision’s number.' }) decisionNumber?:
    string | null;
  @Field(() => LocalDateResolver, { nullable: true }) decisionDate?: string | null;
}

@InputType({
  description:
    'A batch of a term’s planning list: each row through addPlanningEntry’s (and approvePlanningEntry’s) service, in one transaction.',
})
export class ImportPlanningListsInput {
  @Field(() => [PlanningListImportRow], { description: 'At most 1,000 rows.' }) rows: PlanningListImportRow[];
  @Field({ description: 'True: check every row and report, then roll everything back.' }) dryRun: boolean;
}
