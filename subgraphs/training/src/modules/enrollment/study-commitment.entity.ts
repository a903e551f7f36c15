import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'A postgraduate’s commitment to serve after study (rule 5); breaking it costs a share of the study cost.',
})
@Entity({ name: 'study_commitment' })
export class StudyCommitment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Field(() => Int)
  @Column({ name: 'study_months', type: 'smallint' })
  studyMonths: number;

  @Field(() => Int, { description: 'Months of service owed after the class ends.' })
  @Column({ name: 'service_months', type: 'smallint' })
  serviceMonths: number;

  @Field({ description: 'Cost of the study paid by the State, in đồng.' })
  @Column({ name: 'study_cost', type: 'bigint' })
  studyCost: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'broken_on', type: 'date', nullable: true })
  brokenOn: string | null;

  @Field(() => String, { nullable: true, description: 'Compensation due, in đồng, when broken.' })
  @Column({ type: 'bigint', nullable: true })
  compensation: string | null;
}
