import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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

  @Field({ description: 'The 12-digit personal identification number: the national record key.' })
  @Column({ name: 'personal_id_number', type: 'char', length: 12, unique: true })
  personalIdNumber: string;

  @Field(() => CadreCategory)
  @Column({ type: 'varchar', length: 16 })
  category: CadreCategory;

  @Index()
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
