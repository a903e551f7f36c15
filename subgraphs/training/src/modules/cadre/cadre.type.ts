import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A personnel OrgUnit, named by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID)
  id: string;
}

/**
 * The personnel subgraph's Cadre, extended here with what training knows of it. Its unit, from
 * personnel (`@external`), lets training keep every row to the caller's organisation subtree.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Cadre {
  @Field(() => ID)
  id: string;

  @Field(() => OrgUnit)
  @Directive('@external')
  orgUnit?: OrgUnit | null;
}
