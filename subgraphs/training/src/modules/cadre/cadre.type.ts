import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The personnel subgraph's Cadre, extended here with what training knows of it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Cadre {
  @Field(() => ID)
  id: string;
}
