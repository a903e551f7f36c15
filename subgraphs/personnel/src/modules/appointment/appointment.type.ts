import { UserError } from '@cadres/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Appointment } from './appointment.entity';

@ObjectType()
export class AppointmentPayload {
  @Field(() => Appointment, { nullable: true })
  appointment: Appointment | null;

  @Field(() => [UserError])
  errors: UserError[];
}
