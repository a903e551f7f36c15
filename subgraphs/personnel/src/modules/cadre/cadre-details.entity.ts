import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EducationLevel } from '../title/title.enums';

@ObjectType({ description: 'A professional degree (trình độ chuyên môn).' })
@Entity({ name: 'degree' })
export class Degree {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => EducationLevel)
  @Column({ type: 'varchar' })
  level: EducationLevel;

  @Field()
  @Column({ type: 'varchar' })
  field: string;

  @Field()
  @Column({ type: 'varchar' })
  institution: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year: number;
}

export enum FamilyRelation {
  FATHER = 'FATHER',
  MOTHER = 'MOTHER',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  SIBLING = 'SIBLING',
  FATHER_IN_LAW = 'FATHER_IN_LAW',
  MOTHER_IN_LAW = 'MOTHER_IN_LAW',
}
registerEnumType(FamilyRelation, { name: 'FamilyRelation' });

@ObjectType({ description: 'A family member declared in the personnel form.' })
@Entity({ name: 'family_member' })
export class FamilyMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => FamilyRelation)
  @Column({ type: 'varchar' })
  relation: FamilyRelation;

  @Field()
  @Column({ name: 'full_name', type: 'varchar' })
  fullName: string;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  occupation: string | null;
}
