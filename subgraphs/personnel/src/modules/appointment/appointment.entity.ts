import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A holding of a title in a unit over a period (sắp xếp, bố trí).' })
@Entity({ name: 'assignment' })
export class Assignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Column({ name: 'title_id', type: 'uuid' })
  titleId: string;

  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'First day no longer held: the date a decision ended it, or the holder’s retirement date, which ends every post (null only for holdings recorded before that rule).',
  })
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Field({ description: 'Held as acting (giao quyền).' })
  @Column({ type: 'boolean', default: false })
  acting: boolean;

  /** Copied from the title at creation, for the database's single-holder exclusion constraint. */
  @Column({ name: 'single_holder', type: 'boolean' })
  singleHolder: boolean;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Field({ description: 'Its decision was cancelled: it never took effect.' })
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;
}

/**
 * Where a holding stands on a date. A term that ended with no decision leaves the post held, pending
 * one: the holder stays until the competent authority reappoints, extends or relieves them (every
 * change of post cites a decision, DOMAIN.md rule 13; Decree 138/2020 has the authority decide on
 * reappointment before the term ends, and we read it as not ending the post by itself).
 */
export enum AssignmentStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_TERM = 'IN_TERM',
  ACTING = 'ACTING',
  TERM_ENDED_PENDING_DECISION = 'TERM_ENDED_PENDING_DECISION',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AssignmentStatus, {
  name: 'AssignmentStatus',
  description:
    'TERM_ENDED_PENDING_DECISION: the term ran out with no reappointment, extension or relief; the post is still held until a decision.',
});

export enum AppointmentKind {
  FIRST = 'FIRST',
  REAPPOINTMENT = 'REAPPOINTMENT',
  EXTENSION_TO_RETIREMENT = 'EXTENSION_TO_RETIREMENT',
  ACTING = 'ACTING',
  DISMISSAL = 'DISMISSAL',
  RESIGNATION = 'RESIGNATION',
}
registerEnumType(AppointmentKind, {
  name: 'AppointmentKind',
  description: 'bổ nhiệm / bổ nhiệm lại / kéo dài đến tuổi nghỉ hưu / giao quyền / miễn nhiệm / từ chức',
});

@ObjectType({ description: 'An appointment decision applied to an assignment.' })
@Entity({ name: 'appointment' })
export class Appointment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => AppointmentKind)
  @Column({ type: 'varchar' })
  kind: AppointmentKind;

  @Field(() => LocalDateResolver)
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'When the term this appointment starts ends (computed).',
  })
  @Column({ name: 'term_ends_on', type: 'date', nullable: true })
  termEndsOn: string | null;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Column({ name: 'previous_assignment_end', type: 'date', nullable: true })
  previousAssignmentEnd: string | null;

  @Field()
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
