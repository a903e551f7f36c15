import { parseId } from '@cadres/core';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { PlanningContext } from '../../context';
import { policy } from '../../policy';
import type { PlanningContainer } from '../../container';

@ObjectType({
  description: "Whether a cadre is in the approved planning on a date: personnel's appointment rules ask this.",
})
export class PlanningCheck {
  @Field({
    description:
      'An entry for the title approved by a decision dated on or before the date, not removed by then, its term not over.',
  })
  plannedForTitle: boolean;

  @Field({ description: 'Any such entry, whatever the title (the pool rotation draws from).' })
  inPlanningPool: boolean;
}

@Resolver(() => PlanningCheck)
export class PlanningCheckResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @Query(() => PlanningCheck, {
    description: 'For personnel’s appointment rules (SERVICE) and ADMIN; others read a cadre’s planningHistory.',
  })
  async planningCheck(
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('titleId', () => ID, { nullable: true }) titleId: string | undefined,
    @Arg('on', () => LocalDateResolver) on: string,
    @Ctx() { identity }: PlanningContext,
  ): Promise<PlanningCheck> {
    policy.require(identity, 'planningCheck');
    const titles = await this.planning.entries.approvedTitlesOn(parseId(cadreId, 'cadreId'), on);
    const wanted = titleId ? parseId(titleId, 'titleId') : null;
    return { plannedForTitle: wanted !== null && titles.includes(wanted), inPlanningPool: titles.length > 0 };
  }
}
