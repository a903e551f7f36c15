import { addMonths, parseId, today } from '@cadres/core';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireAction } from '../../access';
import type { PersonnelContainer } from '../../container';
import type { PersonnelContext } from '../../context';
import { CadreCategory, Sex } from '../cadre/cadre.entity';
import { OrgUnitLevel } from '../org-unit/org-unit.entity';
import type { RetirementSchedule } from '../rules/personnel-rules';
import { retirementDate } from '../rules/retirement';
import { OLDEST_BAND, YOUNGEST_BAND, type OverviewRow } from './statistics.repository';
import { PersonnelOverview, type RetirementYearCount } from './statistics.type';

/** Years of the retirement wave: the year of `at` and the four after it. */
const RETIREMENT_YEARS = 5;

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

/** Birth dates that can reach retirement age from `from` to `to`, whatever the sex: the statement's filter. */
function birthDatesRetiringBetween(schedule: RetirementSchedule, from: string, to: string) {
  const longest = Math.max(schedule.male.maxMonths, schedule.female.maxMonths);
  const shortest = Math.min(schedule.male.baseMonths, schedule.female.baseMonths);
  return { bornFrom: addMonths(from, -longest - 1), bornTo: addMonths(to, -shortest + 1) };
}

function summarise(rows: OverviewRow[], at: string, lastYear: number, schedule: RetirementSchedule) {
  const of = (figure: OverviewRow['figure']) => rows.filter((r) => r.figure === figure);
  const ages = of('age');
  const total = ages.reduce((sum, r) => sum + r.count, 0);
  const women = ages.filter((r) => r.sex === Sex.FEMALE).reduce((sum, r) => sum + r.count, 0);
  const ethnicMinorities = of('minority')[0]?.count ?? 0;
  const countOf = (figure: OverviewRow['figure'], key: string, sex?: Sex) =>
    of(figure)
      .filter((r) => r.key === key && (sex === undefined || r.sex === sex))
      .reduce((sum, r) => sum + r.count, 0);
  const agePyramid = [];
  for (let fromAge = YOUNGEST_BAND; fromAge <= OLDEST_BAND; fromAge += 5) {
    agePyramid.push({
      fromAge: fromAge === YOUNGEST_BAND ? 0 : fromAge,
      toAge: fromAge === OLDEST_BAND ? null : fromAge + 4,
      men: countOf('age', String(fromAge), Sex.MALE),
      women: countOf('age', String(fromAge), Sex.FEMALE),
    });
  }
  const firstYear = Number(at.slice(0, 4));
  const retirements: RetirementYearCount[] = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => ({
    year: firstYear + i,
    men: 0,
    women: 0,
  }));
  for (const birth of of('birth')) {
    const retires = retirementDate(schedule, birth.sex as Sex, birth.key as string);
    const year = retirements.find((r) => r.year === Number(retires.slice(0, 4)));
    if (retires < at || !year) continue;
    if (birth.sex === Sex.FEMALE) year.women += birth.count;
    else year.men += birth.count;
  }
  return {
    at,
    total,
    byCategory: Object.values(CadreCategory).map((category) => ({ category, count: countOf('category', category) })),
    byUnitLevel: Object.values(OrgUnitLevel)
      .map((level) => ({ level, count: countOf('level', level) }))
      .filter((l) => l.count > 0),
    agePyramid,
    women,
    womenShare: total ? women / total : null,
    ethnicMinorities,
    ethnicMinorityShare: total ? ethnicMinorities / total : null,
    retirements,
  };
}
