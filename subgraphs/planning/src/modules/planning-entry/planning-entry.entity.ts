import { LocalDateResolver } from 'graphql-scalars';
import { Scope } from '@cadres/core';
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RemovalReason } from '../round/round.entity';

export enum PlanningStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REALISED = 'REALISED',
  REMOVED = 'REMOVED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PlanningStatus, { name: 'PlanningStatus' });

export enum PlanningSource {
  INTERNAL = 'INTERNAL',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(PlanningSource, {
  name: 'PlanningSource',
  description: 'Planned from within the unit, or from elsewhere.',
});

export enum Readiness {
  READY_NOW = 'READY_NOW',
  ONE_TO_TWO_YEARS = 'ONE_TO_TWO_YEARS',
  THREE_TO_FIVE_YEARS = 'THREE_TO_FIVE_YEARS',
}
registerEnumType(Readiness, { name: 'Readiness' });

@ObjectType({ description: 'One cadre planned for one title in one term (a "lượt" quy hoạch).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'planning_entry' })
export class PlanningEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A personnel Cadre id: a reference, not a foreign key, because personnel owns cadres. */
  @Index()
  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  /** A personnel Title id, resolved through federation. */
  @Column({ name: 'title_id', type: 'uuid' })
  titleId: string;

  @Column({ name: 'term_id', type: 'uuid' })
  termId: string;

  @Column({ name: 'planned_title_id', type: 'uuid' })
  plannedTitleId: string;

  @Field(() => PlanningStatus)
  @Column({ type: 'varchar', length: 16 })
  status: PlanningStatus;

  @Field(() => PlanningSource)
  @Column({ type: 'varchar', default: PlanningSource.INTERNAL })
  source: PlanningSource;

  @Field(() => Readiness, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  readiness: Readiness | null;

  @Field(() => Int, { nullable: true, description: 'Order among the title’s candidates, 1 first.' })
  @Column({ name: 'candidate_rank', type: 'smallint', nullable: true })
  candidateRank: number | null;

  @Field({ description: 'Named to take over at once if the post falls vacant.' })
  @Column({ name: 'emergency_successor', type: 'boolean', default: false })
  emergencySuccessor: boolean;

  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId: string | null;

  @Field(() => String, { nullable: true, description: 'The decision that approved the entry.' })
  @Column({ name: 'added_decision_number', type: 'varchar', nullable: true })
  addedDecisionNumber: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'added_on', type: 'date', nullable: true })
  addedOn: string | null;

  @Field(() => String, { nullable: true, description: 'The decision that removed it.' })
  @Column({ name: 'removed_decision_number', type: 'varchar', nullable: true })
  removedDecisionNumber: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  /** The personnel Assignment (the appointment to the planned title) that realised the entry. */
  @Column({ name: 'realised_assignment_id', type: 'uuid', nullable: true })
  realisedAssignmentId: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The day the appointment that realised the entry took effect.',
  })
  @Column({ name: 'realised_on', type: 'date', nullable: true })
  realisedOn: string | null;

  @Field(() => String, { nullable: true, description: 'The appointment decision that realised it.' })
  @Column({ name: 'realised_decision_number', type: 'varchar', nullable: true })
  realisedDecisionNumber: string | null;

  @Authorized(Scope.DISCIPLINE, Scope.EVALUATION)
  @Field(() => RemovalReason, {
    nullable: true,
    description: 'Needs discipline:read and evaluation:read (it may name either).',
  })
  @Column({ name: 'removal_reason', type: 'varchar', nullable: true })
  removalReason: RemovalReason | null;

  @Column({ name: 'cadre_sex', type: 'varchar', nullable: true })
  cadreSex: string | null;

  @Column({ name: 'cadre_date_of_birth', type: 'date', nullable: true })
  cadreDateOfBirth: string | null;

  @Column({ name: 'cadre_ethnicity', type: 'varchar', nullable: true })
  cadreEthnicity: string | null;

  /** The candidate's personnel OrgUnit, as personnel last gave it: who may see the entry. */
  @Column({ name: 'cadre_org_unit_id', type: 'uuid', nullable: true })
  cadreOrgUnitId: string | null;

  @Field(() => [String], {
    description: 'Warnings recorded when the entry was made, e.g. under two terms of service left.',
  })
  @Column({ type: 'jsonb', default: [] })
  warnings: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
