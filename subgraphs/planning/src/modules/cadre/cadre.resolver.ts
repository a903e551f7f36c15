import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PlanningContext } from '../../context';
import { PlanningEntry } from '../planning-entry/planning-entry.entity';
import { Cadre } from './cadre.type';

@Resolver(() => Cadre)
export class CadrePlanningResolver {
  @FieldResolver(() => [PlanningEntry], { description: 'Every planning entry of the cadre, by term.' })
  planningHistory(@Root() cadre: Cadre, @Ctx() { loaders }: PlanningContext): Promise<PlanningEntry[]> {
    return loaders.planningEntriesByCadreId.load(cadre.id);
  }
}
