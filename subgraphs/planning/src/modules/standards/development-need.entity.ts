import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Which training programme closes which gap: e.g. POLITICAL_THEORY ADVANCED → the advanced course. */
@Entity({ name: 'development_need' })
export class DevelopmentNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  criterion: string;

  @Column({ type: 'varchar' })
  level: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;
}
