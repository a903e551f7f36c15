/**
 * The overview's figures as plain data: the rows the one statement returns, and how they become the
 * GraphQL answer (bands completed with zeros, birth dates turned into retirement years).
 */
import { addMonths } from '@cadres/core';
import { CadreCategory, Sex } from '../cadre/cadre.entity';
import { OrgUnitLevel } from '../org-unit/org-unit.entity';
import type { RetirementSchedule } from '../rules/personnel-rules';
import { retirementDate } from '../rules/retirement';
import type { PersonnelOverview, RetirementYearCount } from './statistics.type';

/** One row of the overview statement: which figure, its key (category, level, band, birth date), sex, count. */
export interface OverviewRow {
  figure: 'category' | 'level' | 'age' | 'minority' | 'birth';
  key: string | null;
  sex: string | null;
  count: number;
}

/** Where the overview looks: the caller's units (null: all), a subtree, and the birth dates retiring soon. */
export interface OverviewScope {
  at: string;
  units: string[] | null;
  subtree: string | null;
  bornFrom: string;
  bornTo: string;
}

/** Age bands of the pyramid: everyone under 25 in the first, everyone 60 and over in the last. */
export const YOUNGEST_BAND = 20;
export const OLDEST_BAND = 60;

/** Years of the retirement wave: the year of `at` and the four after it. */
export const RETIREMENT_YEARS = 5;

/** Birth dates that can reach retirement age from `from` to `to`, whatever the sex: the statement's filter. */
export function birthDatesRetiringBetween(schedule: RetirementSchedule, from: string, to: string) {
  const longest = Math.max(schedule.male.maxMonths, schedule.female.maxMonths);
  const shortest = Math.min(schedule.male.baseMonths, schedule.female.baseMonths);
  return { bornFrom: addMonths(from, -longest - 1), bornTo: addMonths(to, -shortest + 1) };
}

export function summarise(
  rows: OverviewRow[],
  at: string,
  lastYear: number,
  schedule: RetirementSchedule,
): PersonnelOverview {
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
