import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum TrainingMode {
  CONCENTRATED = 'CONCENTRATED',
  NON_CONCENTRATED = 'NON_CONCENTRATED',
  COMPLETION = 'COMPLETION',
  ONLINE = 'ONLINE',
}
registerEnumType(TrainingMode, { name: 'TrainingMode' });

@ObjectType({ description: 'One class (lớp) of a programme, run by a provider in one mode.' })
@Entity({ name: 'training_class' })
export class TrainingClass {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 48, unique: true })
  code: string;

  @Index()
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Field(() => TrainingMode)
  @Column({ type: 'varchar', length: 24 })
  mode: TrainingMode;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Field(() => Int, { description: 'Seats in the class; enrollments never exceed it.' })
  @Column({ name: 'max_size', type: 'integer' })
  maxSize: number;

  /** Seats held by admitted, studying and finished trainees (kept by the database); read through the policy. */
  @Column({ name: 'seats_taken', type: 'integer', insert: false, update: false })
  seatsTaken: number;
}
