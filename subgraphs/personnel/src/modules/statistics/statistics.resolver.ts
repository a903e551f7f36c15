import { parseId, today } from '@cadres/core';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireAction } from '../../access';
import type { PersonnelContainer } from '../../container';
import type { PersonnelContext } from '../../context';
import { birthDatesRetiringBetween, RETIREMENT_YEARS, summarise } from './overview-figures';
import { PersonnelOverview } from './statistics.type';

@Resolver(() => PersonnelOverview)
export class StatisticsResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => PersonnelOverview, {
    description:
      'The overview page’s personnel figures over the caller’s units (and a subtree): categories, unit levels, age pyramid, women and ethnic minorities, retirements in the next five years. One SQL statement.',
  })
  async personnelOverview(
    @Arg('orgUnitSubtree', () => ID, { nullable: true }) orgUnitSubtree: string | undefined,
    @Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined,
    @Ctx() context: PersonnelContext,
  ): Promise<PersonnelOverview> {
    requireAction(context, 'readPersonnelStatistics');
    const subtree = orgUnitSubtree ? parseId(orgUnitSubtree, 'orgUnitSubtree') : null;
    const on = at ?? today();
    // The schedule in force today, as Cadre.retirementDate uses, so the wave lists the same dates.
    const { retirementSchedule } = await context.loaders.rulesOn.load(today());
    const lastYear = Number(on.slice(0, 4)) + RETIREMENT_YEARS - 1;
    const rows = await this.personnel.statistics.overview({
      at: on,
      units: context.identity.units,
      subtree,
      ...birthDatesRetiringBetween(retirementSchedule, on, `${lastYear}-12-31`),
    });
    return summarise(rows, on, lastYear, retirementSchedule);
  }
}
