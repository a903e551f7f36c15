import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TrainingMode } from '../training-class/training-class.entity';

@ObjectType({ description: 'A yearly training plan (kế hoạch đào tạo, bồi dưỡng).' })
@Entity({ name: 'training_plan' })
export class TrainingPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year: number;
}

@ObjectType({
  description: 'How many cadres a plan sends to a programme in a mode (chỉ tiêu), optionally for one unit.',
})
@Entity({ name: 'quota' })
export class Quota {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Field(() => TrainingMode)
  @Column({ type: 'varchar' })
  mode: TrainingMode;

  @Field(() => ID, { nullable: true, description: 'A personnel OrgUnit id; null for the whole province.' })
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quota: number;
}
