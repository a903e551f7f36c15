import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'An institution that runs classes, e.g. the Regional Academy of Politics I.' })
@Entity({ name: 'provider' })
export class Provider {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'ISO 3166 alpha-2 country code.' })
  @Column({ type: 'char', length: 2 })
  country: string;
}
