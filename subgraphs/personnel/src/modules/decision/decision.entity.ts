import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A decision (quyết định): every personnel change cites one.' })
@Entity({ name: 'decision' })
export class Decision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'e.g. "1234-QĐ/TU".' })
  @Column({ type: 'varchar', length: 64, unique: true })
  number: string;

  @Field(() => LocalDateResolver)
  @Column({ name: 'signed_on', type: 'date' })
  signedOn: string;

  @Field()
  @Column({ name: 'signing_authority', type: 'varchar', length: 200 })
  signingAuthority: string;

  @Field()
  @Column({ name: 'legal_basis', type: 'varchar', length: 500 })
  legalBasis: string;

  @Field(() => LocalDateResolver, { description: 'No change the decision makes applies before this day.' })
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ name: 'cancelled_by_id', type: 'uuid', nullable: true })
  cancelledById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'cancellation_reason', type: 'varchar', nullable: true })
  cancellationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
