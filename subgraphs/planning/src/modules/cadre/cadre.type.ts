import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CivilServiceGrade, EducationLevel } from '../standards/standard.enums';

/** A personnel OrgUnit, named by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID)
  id: string;
}

/**
 * The personnel subgraph's Cadre, extended with the planning history. The external fields are
 * what the standards gap needs from the other subgraphs; the gateway fetches them (`@requires`).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Cadre {
  @Field(() => ID)
  id: string;

  @Field(() => OrgUnit, { description: 'From personnel: keeps rows to the caller’s subtrees.' })
  @Directive('@external')
  orgUnit?: OrgUnit | null;

  @Field(() => String, { nullable: true, description: 'From training.' })
  @Directive('@external')
  politicalTheoryLevel?: string | null;

  @Field(() => String, { nullable: true, description: 'From training.' })
  @Directive('@external')
  stateManagementLevel?: string | null;

  @Field(() => EducationLevel, { nullable: true, description: 'From personnel.' })
  @Directive('@external')
  highestDegree?: EducationLevel | null;

  @Field(() => CivilServiceGrade, { nullable: true, description: 'From personnel.' })
  @Directive('@external')
  grade?: CivilServiceGrade | null;
}
