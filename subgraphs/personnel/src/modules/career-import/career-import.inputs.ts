import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';

/** Appointment kinds and mobility kinds in one list, as a decision register (and the spreadsheet) keeps them. */
export enum CareerEventKind {
  FIRST = 'FIRST',
  REAPPOINTMENT = 'REAPPOINTMENT',
  EXTENSION_TO_RETIREMENT = 'EXTENSION_TO_RETIREMENT',
  ACTING = 'ACTING',
  DISMISSAL = 'DISMISSAL',
  RESIGNATION = 'RESIGNATION',
  ROTATION = 'ROTATION',
  TRANSFER = 'TRANSFER',
  SECONDMENT = 'SECONDMENT',
}
registerEnumType(CareerEventKind, {
  name: 'CareerEventKind',
  description: 'An appointment kind (recordAppointment) or a mobility kind (recordMobility).',
});

/**
 * One row of a career-event spreadsheet (`@cadres/exchange`'s career-event columns): one decision
 * applied to one cadre. The decision is registered when its number is new and must match when not.
 */
@InputType()
export class CareerEventImportRow {
  @Field(() => Int, { description: 'The row’s number in the file, echoed in the problems.' }) row: number;
  @Field() personalIdNumber: string;
  @Field(() => String, { nullable: true, description: 'Checked against the record, not written.' }) fullName?:
    string | null;
  @Field(() => CareerEventKind) event: CareerEventKind;
  @Field(() => String, { nullable: true, description: 'The title’s code: required for an appointment kind.' })
  titleCode?: string | null;
  @Field({ description: 'The post’s unit, or a move’s destination.' }) orgUnitCode: string;
  @Field(() => String, { nullable: true, description: 'A move’s purpose.' }) purpose?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'A rotation’s or secondment’s planned end.' })
  plannedEndOn?: string | null;
  @Field() decisionNumber: string;
  @Field(() => LocalDateResolver) signedOn: string;
  @Field(() => LocalDateResolver) effectiveOn: string;
  @Field() signingAuthority: string;
  @Field() legalBasis: string;
  @Field() subject: string;
}

@InputType({
  description:
    'A batch of a career-event spreadsheet: each row through recordAppointment’s or recordMobility’s service (and createDecision’s), in one transaction.',
})
export class ImportCareerEventsInput {
  @Field(() => [CareerEventImportRow], { description: 'At most 1,000 rows.' }) rows: CareerEventImportRow[];
  @Field({ description: 'True: check every row and report, then roll everything back.' }) dryRun: boolean;
}
