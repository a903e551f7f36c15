import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { QualificationKind, QualificationSource } from './qualification.enums';

@ObjectType({
  description: 'A qualification a cadre holds: recorded from their file, or granted by a completed class.',
})
@Entity({ name: 'qualification' })
export class Qualification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => QualificationKind)
  @Column({ type: 'varchar' })
  kind: QualificationKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  level: string | null;

  @Field()
  @Column({ type: 'varchar' })
  title: string;

  @Field(() => QualificationSource)
  @Column({ type: 'varchar' })
  source: QualificationSource;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId: string | null;

  @Field(() => LocalDateResolver)
  @Column({ name: 'awarded_on', type: 'date' })
  awardedOn: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  institution: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'certificate_number', type: 'varchar', nullable: true })
  certificateNumber: string | null;
}
