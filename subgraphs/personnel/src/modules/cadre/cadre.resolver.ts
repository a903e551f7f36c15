import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../../context';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { Cadre } from './cadre.entity';
import { CadreService } from './cadre.service';
import { CadreFilter } from './cadre.inputs';
import { CadreConnection } from './cadre.type';

@Resolver(() => Cadre)
export class CadreResolver {
  constructor(private readonly service: CadreService) {}

  @Query(() => Cadre, { nullable: true, description: 'One cadre; NOT_FOUND when no cadre has this id.' })
  cadre(@Arg('id', () => ID) id: string, @Ctx() { loaders }: PersonnelContext): Promise<Cadre> {
    return this.service.get(id, loaders);
  }

  @Query(() => CadreConnection, { description: 'Cadres ordered by name, a page at a time.' })
  cadres(
    @Arg('filter', () => CadreFilter, { nullable: true }) filter: CadreFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<CadreConnection> {
    return this.service.list(filter ?? {}, first, after ?? undefined);
  }

  @FieldResolver(() => OrgUnit, { description: 'The unit the cadre belongs to.' })
  orgUnit(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> {
    return loaders.orgUnitById.load(cadre.orgUnitId);
  }
}
