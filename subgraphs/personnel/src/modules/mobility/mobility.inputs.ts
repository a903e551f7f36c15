import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { MobilityKind } from './mobility.entity';

@InputType({ description: 'A move; it starts on the decision’s effective date, from the cadre’s unit then.' })
export class RecordMobilityInput {
  @Field(() => ID) cadreId: string;
  @Field(() => MobilityKind) kind: MobilityKind;
  @Field() purpose: string;
  @Field(() => ID) toOrgUnitId: string;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Required for a rotation or secondment; none for a transfer.',
  })
  plannedEndOn?: string;
  @Field(() => ID) decisionId: string;
}
