import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One change to the personnel record: who, when, what, before and after.' })
@Entity({ name: 'change_log' })
export class ChangeLogEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Field()
  @Column({ type: 'timestamptz', insert: false })
  at: Date;

  @Field()
  @Column({ type: 'varchar' })
  actor: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'request_id', type: 'varchar', nullable: true })
  requestId: string | null;

  @Field({ description: 'e.g. APPOINTMENT_RECORDED, DECISION_CANCELLED.' })
  @Column({ type: 'varchar' })
  action: string;

  @Field()
  @Column({ type: 'varchar' })
  entity: string;

  @Field(() => ID)
  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'cadre_id', type: 'uuid', nullable: true })
  cadreId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  after: unknown;
}
