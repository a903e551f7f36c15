import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OrgUnitLevel {
  CENTRAL = 'CENTRAL',
  PROVINCE = 'PROVINCE',
  /** Abolished on 1 July 2025; district units remain for history. */
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(OrgUnitLevel, { name: 'OrgUnitLevel' });

@ObjectType({ description: 'An agency or unit (đơn vị, cơ quan) in the organisation tree.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'org_unit' })
export class OrgUnit {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => OrgUnitLevel)
  @Column({ type: 'varchar', length: 16 })
  level: OrgUnitLevel;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Field(() => LocalDateResolver, { description: 'First day the unit existed.' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** Ancestors then self, root first; kept by a trigger. */
  @Column({ type: 'uuid', array: true, insert: false, update: false })
  path: string[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day the unit existed; null while it exists.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}
