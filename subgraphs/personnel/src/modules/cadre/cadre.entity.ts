import { LocalDateResolver } from 'graphql-scalars';
import { Scope } from '@cadres/core';
import { Authorized, Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CivilServiceGrade } from '../title/title.enums';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

export enum CadreCategory {
  /** cán bộ */
  ELECTED_CADRE = 'ELECTED_CADRE',
  /** công chức */
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  /** viên chức */
  PUBLIC_EMPLOYEE = 'PUBLIC_EMPLOYEE',
  /** người hoạt động không chuyên trách */
  PART_TIME = 'PART_TIME',
}
registerEnumType(CadreCategory, { name: 'CadreCategory' });

@ObjectType({ description: 'A cadre, civil servant or public employee: the federation key of the platform.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'cadre' })
export class Cadre {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Full name, NFC-normalised Vietnamese.' })
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Field(() => Sex)
  @Column({ type: 'varchar', length: 8 })
  sex: Sex;

  @Field(() => LocalDateResolver)
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Field({ description: 'Ethnic group, e.g. Kinh, Thái, Mông.' })
  @Column({ type: 'varchar', length: 64 })
  ethnicity: string;

  @Authorized(Scope.PERSONAL_ID)
  @Field(() => String, {
    nullable: true,
    description: 'The 12-digit personal identification number: the national record key. Needs pii:read.',
  })
  @Column({ name: 'personal_id_number', type: 'char', length: 12, unique: true })
  personalIdNumber: string;

  @Field(() => CadreCategory)
  @Column({ type: 'varchar', length: 16 })
  category: CadreCategory;

  /** The unit that hired the cadre; transfers change the unit the API reports (see orgUnit). */
  @Index()
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  @Field(() => String, { nullable: true, description: 'Other names (tên gọi khác).' })
  @Column({ name: 'other_names', type: 'varchar', nullable: true })
  otherNames: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'place_of_birth', type: 'varchar', nullable: true })
  placeOfBirth: string | null;

  @Field(() => String, { nullable: true, description: 'Quê quán.' })
  @Column({ type: 'varchar', nullable: true })
  hometown: string | null;

  @Authorized(Scope.PERSONAL_ID)
  @Field(() => String, { nullable: true, description: 'Needs pii:read.' })
  @Column({ type: 'varchar', nullable: true })
  religion: string | null;

  @Field(() => CivilServiceGrade, { nullable: true, description: 'Ngạch.' })
  @Column({ type: 'varchar', nullable: true })
  grade: CivilServiceGrade | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'grade_since', type: 'date', nullable: true })
  gradeSince: string | null;

  @Authorized(Scope.PARTY)
  @Field(() => LocalDateResolver, { nullable: true, description: 'Ngày vào Đảng. Needs party:read.' })
  @Column({ name: 'party_admission_date', type: 'date', nullable: true })
  partyAdmissionDate: string | null;

  @Authorized(Scope.PARTY)
  @Field(() => LocalDateResolver, { nullable: true, description: 'Ngày chính thức. Needs party:read.' })
  @Column({ name: 'party_official_date', type: 'date', nullable: true })
  partyOfficialDate: string | null;

  @Field(() => String, { nullable: true, description: 'General education, e.g. "12/12".' })
  @Column({ name: 'general_education', type: 'varchar', nullable: true })
  generalEducation: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  email: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A cadre with the unit they work in on the day asked (their mobility's destination, or their own). */
export type CadreWithUnit = Cadre & { effectiveUnitId: string };
