import { UserError } from '@cadres/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Mobility, MobilityKind } from './mobility.entity';

@ObjectType()
export class MobilityPayload {
  @Field(() => Mobility, { nullable: true })
  mobility: Mobility | null;

  @Field(() => [UserError])
  errors: UserError[];
}

@ObjectType({ description: 'Moves of one kind under way at some time in a period, and the distinct cadres moved.' })
export class MobilityCount {
  @Field(() => MobilityKind)
  kind: MobilityKind;

  @Field(() => Int, { description: 'Moves (decisions not cancelled) whose time away overlaps the period.' })
  moves: number;

  @Field(() => Int, { description: 'Distinct cadres those moves concern.' })
  cadres: number;
}
