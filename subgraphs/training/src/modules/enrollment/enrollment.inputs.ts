import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EnrollmentStatus, ResultRating } from './enrollment.entity';

@InputType({
  description:
    'Nominates a cadre to a class; eligibility is checked against personnel’s record and kept as a snapshot.',
})
export class NominateInput {
  @Field(() => ID) cadreId: string;
  @Field(() => ID) classId: string;
  @Field(() => ID, { nullable: true, description: 'The plan quota the nomination counts against.' }) quotaId?: string;
  @Field({
    nullable: true,
    description: 'Postgraduate study: its cost to the State in đồng, for the service commitment.',
  })
  studyCost?: string;
}

@InputType({
  description:
    'Moves an enrollment along its lifecycle: NOMINATED → ADMITTED → STUDYING → COMPLETED | NOT_COMPLETED, or DEFERRED / WITHDRAWN.',
})
export class ChangeEnrollmentStatusInput {
  @Field(() => ID) enrollmentId: string;
  @Field(() => EnrollmentStatus) status: EnrollmentStatus;
  @Field(() => ResultRating, { nullable: true, description: 'Required with COMPLETED.' }) resultRating?: ResultRating;
  @Field({ nullable: true, description: 'Required with COMPLETED.' }) certificateNumber?: string;
}

@InputType()
export class FeedbackInput {
  @Field(() => ID) enrollmentId: string;
  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' }) score: number;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class BreakCommitmentInput {
  @Field(() => ID) enrollmentId: string;
  @Field(() => LocalDateResolver, { description: 'The day the cadre left service or the assigned post.' })
  brokenOn: string;
}
