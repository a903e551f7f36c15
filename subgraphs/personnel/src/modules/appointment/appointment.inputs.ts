import { Field, ID, InputType } from 'type-graphql';
import { AppointmentKind } from './appointment.entity';

@InputType({ description: 'An appointment decision: its effective date is the decision’s.' })
export class RecordAppointmentInput {
  @Field(() => ID) cadreId: string;
  @Field(() => AppointmentKind) kind: AppointmentKind;
  @Field(() => ID) titleId: string;
  @Field(() => ID) orgUnitId: string;
  @Field(() => ID) decisionId: string;
}
