import { Field, InputType, Int } from 'type-graphql';
import { EnrollmentStatus, ResultRating } from '../enrollment/enrollment.entity';

/** One row of a class roster (`@cadres/exchange`'s class-roster columns): one trainee of one class. */
@InputType()
export class ClassRosterImportRow {
  @Field(() => Int, { description: 'The row’s number in the file, echoed in the problems.' }) row: number;
  @Field() classCode: string;
  @Field() personalIdNumber: string;
  @Field(() => String, { nullable: true, description: 'Checked against personnel’s record, not written.' })
  fullName?: string | null;
  @Field(() => EnrollmentStatus, { description: 'Where the enrollment stands; reached one lawful step at a time.' })
  status: EnrollmentStatus;
  @Field(() => ResultRating, { nullable: true, description: 'Required with COMPLETED.' })
  resultRating?: ResultRating | null;
  @Field(() => String, { nullable: true, description: 'Required with COMPLETED.' }) certificateNumber?: string | null;
}

@InputType({
  description:
    'A batch of a class roster: each row through nominate’s and changeEnrollmentStatus’s service, in one transaction.',
})
export class ImportClassRostersInput {
  @Field(() => [ClassRosterImportRow], { description: 'At most 1,000 rows.' }) rows: ClassRosterImportRow[];
  @Field({ description: 'True: check every row and report, then roll everything back.' }) dryRun: boolean;
}
