import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PlanningContext } from '../../context';
import { cadreInScope } from '../../policy';
import { PlanningEntry } from '../planning-entry/planning-entry.entity';
import { Cadre } from './cadre.type';

@Resolver(() => Cadre)
export class CadrePlanningResolver {
  // Nullable, though never null from here: when planning is down the gateway answers null with an
  // error instead of blanking the cadre it belongs to (README, "Partial answers").
  @FieldResolver(() => [PlanningEntry], { nullable: true, description: 'Every planning entry of the cadre, by term.' })
  // Row-level authorisation: the cadre's unit (from personnel) must lie in the caller's subtrees.
  @Directive('@requires(fields: "orgUnit { id }")')
  async planningHistory(@Root() cadre: Cadre, @Ctx() { loaders, identity }: PlanningContext): Promise<PlanningEntry[]> {
    return cadreInScope(identity, 'readCadrePlanning', cadre.orgUnit?.id)
      ? loaders.planningEntriesByCadreId.load(cadre.id)
      : [];
  }
}
