import { Connection, UserError } from '@cadres/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Cadre } from './cadre.entity';

@ObjectType({ description: 'A page of cadres (Relay connection).' })
export class CadreConnection extends Connection(Cadre) {}

@ObjectType()
export class CadrePayload {
  @Field(() => Cadre, { nullable: true, description: 'The cadre as saved; null when nothing changed.' })
  cadre: Cadre | null;

  @Field(() => [UserError])
  errors: UserError[];
}
