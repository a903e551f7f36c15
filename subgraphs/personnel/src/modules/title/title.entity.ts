import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnitLevel } from '../org-unit/org-unit.entity';
import { CivilServiceGrade, EducationLevel, PoliticalTheoryLevel, StateManagementLevel } from './title.enums';

@ObjectType({ description: 'A leadership or professional title (chức vụ, chức danh).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'title' })
export class Title {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => OrgUnitLevel, {
    description: 'Level of the units where the title exists: it is held only in units of this level.',
  })
  @Column({ type: 'varchar', length: 16 })
  level: OrgUnitLevel;

  @Field({ description: 'Whether the title heads its unit (term limits apply to heads).' })
  @Column({ name: 'is_head', type: 'boolean', default: false })
  isHead: boolean;

  @Field(() => Int, { description: 'How many people may hold the title in one unit at once.' })
  @Column({ name: 'max_holders', type: 'smallint', default: 1 })
  maxHolders: number;

  @Field(() => Int, { description: 'Seniority: a promotion goes to a title of higher rank.' })
  @Column({ type: 'smallint', default: 0 })
  rank: number;

  @Field(() => PoliticalTheoryLevel, {
    nullable: true,
    description: "Standard: the title's minimum political-theory level.",
  })
  @Column({ name: 'min_political_theory_level', type: 'varchar', nullable: true })
  minPoliticalTheoryLevel: PoliticalTheoryLevel | null;

  @Field(() => StateManagementLevel, { nullable: true, description: 'Standard: minimum state-management level.' })
  @Column({ name: 'min_state_management_level', type: 'varchar', nullable: true })
  minStateManagementLevel: StateManagementLevel | null;

  @Field(() => EducationLevel, { nullable: true, description: 'Standard: minimum professional degree.' })
  @Column({ name: 'min_education', type: 'varchar', nullable: true })
  minEducation: EducationLevel | null;

  @Field(() => CivilServiceGrade, { nullable: true, description: 'Standard: minimum civil-service grade.' })
  @Column({ name: 'min_grade', type: 'varchar', nullable: true })
  minGrade: CivilServiceGrade | null;
}
