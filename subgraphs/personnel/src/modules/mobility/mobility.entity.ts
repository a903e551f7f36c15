import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum MobilityKind {
  /** luân chuyển: a development move, from the planning pool */
  ROTATION = 'ROTATION',
  /** điều động: a move by need */
  TRANSFER = 'TRANSFER',
  /** biệt phái: temporary, then back */
  SECONDMENT = 'SECONDMENT',
}
registerEnumType(MobilityKind, { name: 'MobilityKind' });

@ObjectType({ description: 'A rotation, transfer or secondment.' })
@Entity({ name: 'mobility' })
export class Mobility {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => MobilityKind)
  @Column({ type: 'varchar' })
  kind: MobilityKind;

  @Field()
  @Column({ type: 'varchar' })
  purpose: string;

  @Column({ name: 'from_org_unit_id', type: 'uuid' })
  fromOrgUnitId: string;

  @Column({ name: 'to_org_unit_id', type: 'uuid' })
  toOrgUnitId: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Planned end; null for a transfer, which is permanent.',
  })
  @Column({ name: 'planned_end_on', type: 'date', nullable: true })
  plannedEndOn: string | null;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Field()
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
