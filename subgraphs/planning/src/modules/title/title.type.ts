import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to a personnel Title; planning holds only its id, personnel resolves the rest. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Title {
  @Field(() => ID)
  id: string;
}
