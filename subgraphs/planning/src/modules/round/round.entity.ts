import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum RemovalReason {
  OVER_AGE = 'OVER_AGE',
  DISCIPLINED = 'DISCIPLINED',
  RATED_NOT_COMPLETED = 'RATED_NOT_COMPLETED',
  ALREADY_APPOINTED = 'ALREADY_APPOINTED',
  TOO_MANY_TITLES = 'TOO_MANY_TITLES',
  OTHER = 'OTHER',
}
registerEnumType(RemovalReason, { name: 'RemovalReason' });

@ObjectType({ description: 'An annual review of a term’s planning ("dynamic and open" planning).' })
@Entity({ name: 'planning_round' })
export class PlanningRound {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'term_id', type: 'uuid' })
  termId: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year: number;

  @Field()
  @Column({ type: 'varchar', unique: true })
  code: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;
}

@ObjectType({ description: 'An entry the review flagged for removal, and whether a decision confirmed it.' })
@Entity({ name: 'round_flag' })
export class RoundFlag {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Field(() => RemovalReason)
  @Column({ type: 'varchar' })
  reason: RemovalReason;

  @Field()
  @Column({ type: 'varchar' })
  details: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'confirmed_decision_number', type: 'varchar', nullable: true })
  confirmedDecisionNumber: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'confirmed_on', type: 'date', nullable: true })
  confirmedOn: string | null;
}
