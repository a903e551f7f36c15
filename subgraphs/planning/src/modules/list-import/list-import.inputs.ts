import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { PlanningSource, PlanningStatus, Readiness } from '../planning-entry/planning-entry.entity';
import { RemovalReason } from '../round/round.entity';

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
    description:
      'PROPOSED (when left out); APPROVED, REMOVED or REALISED with the decision of that step. EXPIRED is not importable.',
  })
  status?: PlanningStatus | null;
  @Field(() => String, {
    nullable: true,
    description: 'The number of the decision of the row’s status: the approval, the removal or the realisation.',
  })
  decisionNumber?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) decisionDate?: string | null;
  @Field(() => RemovalReason, { nullable: true, description: 'Required with REMOVED; read only then.' })
  removalReason?: RemovalReason | null;
}

@InputType({
  description:
    'A batch of a term’s planning list: each row through addPlanningEntry’s (and approvePlanningEntry’s) service, in one transaction.',
})
export class ImportPlanningListsInput {
  @Field(() => [PlanningListImportRow], { description: 'At most 1,000 rows.' }) rows: PlanningListImportRow[];
  @Field({ description: 'True: check every row and report, then roll everything back.' }) dryRun: boolean;
}
