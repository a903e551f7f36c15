import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A personnel Title planned for a term (and a unit), with its number of candidate slots.' })
@Entity({ name: 'planned_title' })
export class PlannedTitle {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'term_id', type: 'uuid' })
  termId: string;

  @Column({ name: 'title_id', type: 'uuid' })
  titleId: string;

  @Field(() => ID, { nullable: true, description: 'A personnel OrgUnit id, when planned for one unit.' })
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Field({ description: 'The title’s level, as personnel gave it.' })
  @Column({ name: 'title_level', type: 'varchar' })
  titleLevel: string;

  @Field(() => Int)
  @Column({ name: 'title_rank', type: 'smallint' })
  titleRank: number;

  @Field(() => Int)
  @Column({ name: 'max_candidates', type: 'smallint' })
  maxCandidates: number;

  @Field(() => Int, { description: 'PROPOSED and APPROVED candidates (kept by the database).' })
  @Column({ name: 'active_candidates', type: 'integer', insert: false, update: false })
  activeCandidates: number;
}
