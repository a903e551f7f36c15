import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ProviderLevel {
  /** e.g. the Ho Chi Minh National Academy of Politics, central Party boards */
  CENTRAL = 'CENTRAL',
  /** e.g. the Regional Academy of Politics I */
  REGIONAL = 'REGIONAL',
  /** the provincial political school and provincial bodies */
  PROVINCIAL = 'PROVINCIAL',
  UNIVERSITY = 'UNIVERSITY',
  FOREIGN = 'FOREIGN',
}
registerEnumType(ProviderLevel, { name: 'ProviderLevel' });

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

  @Field(() => ProviderLevel)
  @Column({ type: 'varchar', default: ProviderLevel.PROVINCIAL })
  level: ProviderLevel;
}
