import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum PlanningStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REALISED = 'REALISED',
  REMOVED = 'REMOVED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PlanningStatus, { name: 'PlanningStatus' });

@ObjectType({ description: 'One cadre planned for one title in one term (a "lượt" quy hoạch).' })
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

  @Field(() => PlanningStatus)
  @Column({ type: 'varchar', length: 16 })
  status: PlanningStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
