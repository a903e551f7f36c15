import { GraphQLJSON, LocalDateResolver } from 'graphql-scalars';
import { Scope } from '@cadres/core';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum EnrollmentStatus {
  NOMINATED = 'NOMINATED',
  ADMITTED = 'ADMITTED',
  STUDYING = 'STUDYING',
  COMPLETED = 'COMPLETED',
  NOT_COMPLETED = 'NOT_COMPLETED',
  DEFERRED = 'DEFERRED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });

export enum ResultRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  AVERAGE = 'AVERAGE',
}
registerEnumType(ResultRating, { name: 'ResultRating', description: 'Xuất sắc / giỏi / khá / trung bình.' });

@ObjectType({ description: "A cadre's place in a class, from nomination to result." })
@Entity({ name: 'enrollment' })
export class Enrollment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A personnel Cadre id; a reference, not a foreign key, because personnel owns cadres. */
  @Index()
  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  /** The personnel OrgUnit the cadre belonged to when nominated: what statistics are scoped by. */
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Index()
  @Column({ name: 'class_id', type: 'uuid' })
  classId: string;

  @Field(() => EnrollmentStatus)
  @Column({ type: 'varchar', length: 16 })
  status: EnrollmentStatus;

  @Column({ name: 'quota_id', type: 'uuid', nullable: true })
  quotaId: string | null;

  @Field(() => LocalDateResolver)
  @Column({ name: 'nominated_on', type: 'date' })
  nominatedOn: string;

  @Field(() => ResultRating, { nullable: true, description: 'Result, once completed.' })
  @Column({ name: 'result_rating', type: 'varchar', nullable: true })
  resultRating: ResultRating | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'certificate_number', type: 'varchar', nullable: true })
  certificateNumber: string | null;

  // The snapshot holds Party membership and ratings: the scopes of those fields.
  @Authorized(Scope.PARTY, Scope.EVALUATION)
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The personnel facts and rules checked at nomination. Needs party:read and evaluation:read.',
  })
  @Column({ type: 'jsonb', nullable: true })
  eligibility: object | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The trainee’s rating of the class, 1–5 (only from those who attended).',
  })
  @Column({ name: 'feedback_score', type: 'smallint', nullable: true })
  feedbackScore: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'feedback_comment', type: 'varchar', nullable: true })
  feedbackComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
