import {
  CivilServiceGrade,
  EducationLevel,
  GRADES_LOWEST_FIRST,
  PoliticalTheoryLevel,
  StateManagementLevel,
} from '@cadres/subgraph-kit';
import { registerEnumType } from 'type-graphql';

export { CivilServiceGrade, EducationLevel, PoliticalTheoryLevel, StateManagementLevel };

export enum StandardCriterion {
  POLITICAL_THEORY = 'POLITICAL_THEORY',
  STATE_MANAGEMENT = 'STATE_MANAGEMENT',
  EDUCATION = 'EDUCATION',
  GRADE = 'GRADE',
}
registerEnumType(StandardCriterion, { name: 'StandardCriterion' });

/** Each criterion's scale, lowest first. */
export const SCALES: Record<StandardCriterion, string[]> = {
  [StandardCriterion.POLITICAL_THEORY]: Object.values(PoliticalTheoryLevel),
  [StandardCriterion.STATE_MANAGEMENT]: Object.values(StateManagementLevel),
  [StandardCriterion.EDUCATION]: Object.values(EducationLevel),
  [StandardCriterion.GRADE]: GRADES_LOWEST_FIRST,
};
