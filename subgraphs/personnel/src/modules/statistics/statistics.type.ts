import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CadreCategory } from '../cadre/cadre.entity';
import { OrgUnitLevel } from '../org-unit/org-unit.entity';

@ObjectType({ description: 'Cadres of one category.' })
export class CategoryCount {
  @Field(() => CadreCategory)
  category: CadreCategory;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Cadres whose unit is of one level (province, commune, …).' })
export class UnitLevelCount {
  @Field(() => OrgUnitLevel)
  level: OrgUnitLevel;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'One band of the age pyramid: cadres aged fromAge to toAge (inclusive), by sex.' })
export class AgeBandCount {
  @Field(() => Int)
  fromAge: number;

  @Field(() => Int, { nullable: true, description: 'Null for the open top band.' })
  toAge: number | null;

  @Field(() => Int)
  men: number;

  @Field(() => Int)
  women: number;
}

@ObjectType({ description: 'Cadres reaching retirement age in one calendar year, by sex.' })
export class RetirementYearCount {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  men: number;

  @Field(() => Int)
  women: number;
}

@ObjectType({ description: 'The personnel figures of the overview page, over the caller’s units, on a date.' })
export class PersonnelOverview {
  @Field(() => LocalDateResolver, { description: 'The date the figures describe (units, ages).' })
  at: string;

  @Field(() => Int)
  total: number;

  @Field(() => [CategoryCount], { description: 'Every category, zero included.' })
  byCategory: CategoryCount[];

  @Field(() => [UnitLevelCount], { description: 'Levels that have cadres.' })
  byUnitLevel: UnitLevelCount[];

  @Field(() => [AgeBandCount], { description: 'Age on `at` in five-year bands, youngest first, every band listed.' })
  agePyramid: AgeBandCount[];

  @Field(() => Int)
  women: number;

  @Field(() => Float, { nullable: true, description: 'Women over the total (0–1); null when there is nobody.' })
  womenShare: number | null;

  @Field(() => Int, { description: 'Cadres of an ethnicity other than Kinh.' })
  ethnicMinorities: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Ethnic minorities over the total (0–1); null when there is nobody.',
  })
  ethnicMinorityShare: number | null;

  @Field(() => [RetirementYearCount], {
    description:
      'Retirements (the day retirement age is reached, Decree 135/2020) in the year of `at` (from `at` on) and the four years after.',
  })
  retirements: RetirementYearCount[];
}
