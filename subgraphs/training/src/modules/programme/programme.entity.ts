import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { QualificationKind } from '../qualification/qualification.enums';

export enum ProgrammeCategory {
  POLITICAL_THEORY = 'POLITICAL_THEORY',
  STATE_MANAGEMENT = 'STATE_MANAGEMENT',
  DEFENCE_SECURITY = 'DEFENCE_SECURITY',
  GRADE_COURSE = 'GRADE_COURSE',
  LEADERSHIP = 'LEADERSHIP',
  COMMUNE_TITLES = 'COMMUNE_TITLES',
  OFFICE_CULTURE_ETHICS = 'OFFICE_CULTURE_ETHICS',
  ADMINISTRATIVE_REFORM = 'ADMINISTRATIVE_REFORM',
  PEOPLES_COUNCIL_DELEGATES = 'PEOPLES_COUNCIL_DELEGATES',
  SECTOR_REFRESHER = 'SECTOR_REFRESHER',
  POSTGRADUATE = 'POSTGRADUATE',
}
registerEnumType(ProgrammeCategory, { name: 'ProgrammeCategory' });

@ObjectType({ description: 'A training or refresher programme in the catalogue.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'programme' })
export class Programme {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ProgrammeCategory)
  @Column({ type: 'varchar', length: 32 })
  category: ProgrammeCategory;

  @Field(() => QualificationKind, { nullable: true, description: 'What completing it grants, if anything.' })
  @Column({ name: 'grants_kind', type: 'varchar', nullable: true })
  grantsKind: QualificationKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'The level granted, e.g. ADVANCED for advanced political theory.',
  })
  @Column({ name: 'grants_level', type: 'varchar', nullable: true })
  grantsLevel: string | null;

  @Field(() => Int, { nullable: true, description: 'Nominal length, for study commitments.' })
  @Column({ name: 'duration_months', type: 'smallint', nullable: true })
  durationMonths: number | null;
}
