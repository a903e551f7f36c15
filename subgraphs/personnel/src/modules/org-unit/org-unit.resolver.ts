import { isUnrestricted, NotFoundError, parseId, Role, unitInScope } from '@cadres/core';
import { requireRole } from '../../access';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../../context';
import { Cadre } from '../cadre/cadre.entity';
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

  @FieldResolver(() => [OrgUnit], { description: 'From the root down to the parent.' })
  async ancestors(@Root() unit: OrgUnit, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit[]> {
    return (await loaders.orgUnitById.loadMany(unit.path.slice(0, -1))) as OrgUnit[];
  }

  @FieldResolver(() => [Cadre], { description: 'Cadres belonging to the unit today (not its sub-units: filter cadres by orgUnitSubtree for those).' })
  async cadres(@Root() unit: OrgUnit, @Ctx() { loaders, identity }: PersonnelContext): Promise<Cadre[]> {
    return unitInScope(identity, unit.id) ? loaders.cadresByEffectiveUnitId.load(unit.id) : [];
  }

  @Query(() => [ID], { description: 'Every unit in the subtrees of these units (for the gateway, which scopes identities by them).' })
  async orgUnitSubtreeIds(@Arg('ids', () => [ID]) ids: string[], @Ctx() { identity }: PersonnelContext): Promise<string[]> {
    if (!isUnrestricted(identity)) requireRole(identity, Role.ADMIN);
    return this.units.findSubtreeIds(ids.map((id) => parseId(id, 'ids')));
  }

  @FieldResolver(() => [OrgUnit])
  children(@Root() unit: OrgUnit, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit[]> {
    return loaders.orgUnitChildren.load(unit.id);
  }
}
