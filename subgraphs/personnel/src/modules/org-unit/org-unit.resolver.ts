import { NotFoundError, parseId } from '@cadres/core';
import { requireAction } from '../../access';
import { personnelPolicy } from '../../policy';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../../context';
import { Cadre } from '../cadre/cadre.entity';
import { OrgUnit } from './org-unit.entity';
import type { PersonnelContainer } from '../../container';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => [OrgUnit], { description: 'The top of the organisation tree.' })
  orgUnits(@Ctx() context: PersonnelContext): Promise<OrgUnit[]> {
    requireAction(context, 'readReferenceData');
    return this.personnel.orgUnits.findRoots();
  }

  @Query(() => OrgUnit, { nullable: true })
  async orgUnit(@Arg('id', () => ID) rawId: string, @Ctx() context: PersonnelContext): Promise<OrgUnit> {
    requireAction(context, 'readReferenceData');
    const { loaders } = context;
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

  @FieldResolver(() => [Cadre], {
    description: 'Cadres belonging to the unit today (not its sub-units: filter cadres by orgUnitSubtree for those).',
  })
  async cadres(@Root() unit: OrgUnit, @Ctx() { loaders, identity }: PersonnelContext): Promise<Cadre[]> {
    // Every member shares the unit, so one decision covers the list.
    return personnelPolicy.allows(identity, 'readCadre', unit.id) ? loaders.cadresByEffectiveUnitId.load(unit.id) : [];
  }

  @Query(() => [ID], {
    description: 'Every unit in the subtrees of these units (for the gateway, which scopes identities by them).',
  })
  async orgUnitSubtreeIds(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() { identity }: PersonnelContext,
  ): Promise<string[]> {
    personnelPolicy.require(identity, 'expandSubtrees');
    return this.personnel.orgUnits.findSubtreeIds(ids.map((id) => parseId(id, 'ids')));
  }

  @FieldResolver(() => [OrgUnit])
  children(@Root() unit: OrgUnit, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit[]> {
    return loaders.orgUnitChildren.load(unit.id);
  }
}
