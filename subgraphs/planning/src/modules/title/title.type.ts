import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  CivilServiceGrade,
  EducationLevel,
  PoliticalTheoryLevel,
  StateManagementLevel,
} from '../standards/standard.enums';

/** A personnel Title: planning holds only its id; its standard comes from personnel (`@external`). */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Title {
  @Field(() => ID)
  id: string;

  @Field(() => PoliticalTheoryLevel, { nullable: true })
  @Directive('@external')
  minPoliticalTheoryLevel?: PoliticalTheoryLevel | null;

  @Field(() => StateManagementLevel, { nullable: true })
  @Directive('@external')
  minStateManagementLevel?: StateManagementLevel | null;

  @Field(() => EducationLevel, { nullable: true })
  @Directive('@external')
  minEducation?: EducationLevel | null;

  @Field(() => CivilServiceGrade, { nullable: true })
  @Directive('@external')
  minGrade?: CivilServiceGrade | null;
}
