import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum DisciplineForm {
  REPRIMAND = 'REPRIMAND',
  WARNING = 'WARNING',
  PAY_DEMOTION = 'PAY_DEMOTION',
  DEMOTION = 'DEMOTION',
  REMOVAL_FROM_OFFICE = 'REMOVAL_FROM_OFFICE',
  DISMISSAL = 'DISMISSAL',
}
registerEnumType(DisciplineForm, { name: 'DisciplineForm', description: 'Kỷ luật, mildest first.' });

@ObjectType({ description: 'A disciplinary measure (kỷ luật).' })
@Entity({ name: 'discipline' })
export class Discipline {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => DisciplineForm)
  @Column({ type: 'varchar' })
  form: DisciplineForm;

  @Field()
  @Column({ type: 'varchar' })
  reason: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Field()
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;
}
