import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SCALES, StandardCriterion } from './standard.enums';

/** A training Programme, named by id; training resolves it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Programme {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: 'One criterion of the title’s standard that the cadre does not meet yet.' })
export class StandardsGapItem {
  @Field(() => StandardCriterion) criterion: StandardCriterion;
  @Field({ description: 'The level the title requires.' }) required: string;
  @Field(() => String, { nullable: true, description: 'The level the cadre holds, if any.' }) held: string | null;
  @Field(() => [Programme], { description: 'Training programmes that would close the gap.' })
  closingProgrammes: Programme[];
}

@ObjectType({ description: 'What the cadre still lacks against the planned title’s standard.' })
export class StandardsGap {
  @Field() meetsStandard: boolean;
  @Field(() => [StandardsGapItem]) lacking: StandardsGapItem[];
}

export interface StandardFacts {
  title: {
    minPoliticalTheoryLevel?: string | null;
    minStateManagementLevel?: string | null;
    minEducation?: string | null;
    minGrade?: string | null;
  };
  cadre: {
    orgUnit?: { id: string } | null;
    politicalTheoryLevel?: string | null;
    stateManagementLevel?: string | null;
    highestDegree?: string | null;
    grade?: string | null;
  };
}

/**
 * Compares what the title requires with what the cadre holds, criterion by criterion, on each
 * criterion's scale. Returns the unmet criteria; their closing programmes are added by the caller.
 */
export function unmetCriteria({
  title,
  cadre,
}: StandardFacts): { criterion: StandardCriterion; required: string; held: string | null }[] {
  const pairs: [StandardCriterion, string | null | undefined, string | null | undefined][] = [
    [StandardCriterion.POLITICAL_THEORY, title.minPoliticalTheoryLevel, cadre.politicalTheoryLevel],
    [StandardCriterion.STATE_MANAGEMENT, title.minStateManagementLevel, cadre.stateManagementLevel],
    [StandardCriterion.EDUCATION, title.minEducation, cadre.highestDegree],
    [StandardCriterion.GRADE, title.minGrade, cadre.grade],
  ];
  return pairs
    .filter(
      ([criterion, required, held]) =>
        required && SCALES[criterion].indexOf(held ?? '') < SCALES[criterion].indexOf(required),
    )
    .map(([criterion, required, held]) => ({ criterion, required: required!, held: held ?? null }));
}
