import { UserError } from '@cadres/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Mobility } from './mobility.entity';

@ObjectType()
export class MobilityPayload {
  @Field(() => Mobility, { nullable: true })
  mobility: Mobility | null;

  @Field(() => [UserError])
  errors: UserError[];
}
