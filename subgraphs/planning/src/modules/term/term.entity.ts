import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum TermTrack {
  PARTY = 'PARTY',
  STATE = 'STATE',
}
registerEnumType(TermTrack, { name: 'TermTrack' });

@ObjectType({ description: 'A term (nhiệm kỳ): Party terms 2020–2025, 2025–2030; State terms 2021–2026, 2026–2031.' })
@Entity({ name: 'term' })
export class Term {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'e.g. "2025-2030".' })
  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Field(() => TermTrack)
  @Column({ type: 'varchar', length: 8 })
  track: TermTrack;

  @Field(() => Int)
  @Column({ name: 'start_year', type: 'smallint' })
  startYear: number;

  @Field(() => Int)
  @Column({ name: 'end_year', type: 'smallint' })
  endYear: number;

  @Column({ name: 'paired_term_id', type: 'uuid', nullable: true })
  pairedTermId: string | null;

  @Column({ name: 'rule_set_code', type: 'varchar', nullable: true })
  ruleSetCode: string | null;

  @Field(() => GraphQLJSON, {
    description: 'The date ages are counted at, per title level, e.g. {"PROVINCE": "2025-10-01"}.',
  })
  @Column({ name: 'age_reference_dates', type: 'jsonb' })
  ageReferenceDates: Record<string, string>;
}
