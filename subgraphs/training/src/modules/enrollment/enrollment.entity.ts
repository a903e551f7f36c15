import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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

  @Index()
  @Column({ name: 'class_id', type: 'uuid' })
  classId: string;

  @Field(() => EnrollmentStatus)
  @Column({ type: 'varchar', length: 16 })
  status: EnrollmentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
