import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum EvaluationRating {
  /** HTXSNV */
  EXCELLENT = 'EXCELLENT',
  /** HTTNV */
  GOOD = 'GOOD',
  /** HTNV */
  COMPLETED = 'COMPLETED',
  /** KHTNV */
  NOT_COMPLETED = 'NOT_COMPLETED',
}
registerEnumType(EvaluationRating, { name: 'EvaluationRating', description: 'Yearly rating, best first.' });

@ObjectType({ description: 'A yearly evaluation (đánh giá, xếp loại).' })
@Entity({ name: 'evaluation' })
export class Evaluation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cadre_id', type: 'uuid' })
  cadreId: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year: number;

  @Field(() => EvaluationRating)
  @Column({ type: 'varchar' })
  rating: EvaluationRating;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Column({ type: 'boolean', default: false })
  cancelled: boolean;
}
