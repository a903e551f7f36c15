import { NotFoundError, parseId } from '@cadres/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../../context';
import { OrgUnit } from './org-unit.entity';
import type { OrgUnitRepository } from './org-unit.repository';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  constructor(private readonly units: OrgUnitRepository) {}

  @Query(() => [OrgUnit], { description: 'The top of the organisation tree.' })
  orgUnits(): Promise<OrgUnit[]> {
    return this.units.findRoots();
  }

  @Query(() => OrgUnit, { nullable: true })
  async orgUnit(@Arg('id', () => ID) rawId: string, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit> {
    const id = parseId(rawId);
    const unit = await loaders.orgUnitById.load(id);
    if (!unit) throw new NotFoundError('OrgUnit', id);
    return unit;
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  parent(@Root() unit: OrgUnit, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> | null {
    return unit.parentId ? loaders.orgUnitById.load(unit.parentId) : null;
  }

  @FieldResolver(() => [OrgUnit])
  children(@Root() unit: OrgUnit, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit[]> {
    return loaders.orgUnitChildren.load(unit.id);
  }
}
