import { registerEnumType } from 'type-graphql';

/**
 * The scales of a title's standard. Personnel owns the standard and these enums; planning declares
 * the same values so that it can name them when the gateway hands them over (`@requires`).
 */
export enum PoliticalTheoryLevel {
  ELEMENTARY = 'ELEMENTARY',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
  BACHELOR = 'BACHELOR',
  ADVANCED_POLITICS_ADMIN = 'ADVANCED_POLITICS_ADMIN',
}
registerEnumType(PoliticalTheoryLevel, { name: 'PoliticalTheoryLevel', description: 'Lý luận chính trị, lowest first.' });

export enum StateManagementLevel {
  SPECIALIST = 'SPECIALIST',
  PRINCIPAL_SPECIALIST = 'PRINCIPAL_SPECIALIST',
  SENIOR_SPECIALIST = 'SENIOR_SPECIALIST',
}
registerEnumType(StateManagementLevel, { name: 'StateManagementLevel', description: 'Quản lý nhà nước, lowest first.' });

export enum EducationLevel {
  COLLEGE = 'COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTORATE = 'DOCTORATE',
}
registerEnumType(EducationLevel, { name: 'EducationLevel', description: 'Professional degree, lowest first.' });

export enum CivilServiceGrade {
  SENIOR_SPECIALIST = 'SENIOR_SPECIALIST',
  PRINCIPAL_SPECIALIST = 'PRINCIPAL_SPECIALIST',
  SPECIALIST = 'SPECIALIST',
  OFFICER = 'OFFICER',
  EMPLOYEE = 'EMPLOYEE',
}
registerEnumType(CivilServiceGrade, {
  name: 'CivilServiceGrade',
  description: 'Ngạch: SENIOR_SPECIALIST 01.001, PRINCIPAL_SPECIALIST 01.002, SPECIALIST 01.003, OFFICER 01.004, EMPLOYEE 01.005.',
});

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
  [StandardCriterion.GRADE]: [CivilServiceGrade.EMPLOYEE, CivilServiceGrade.OFFICER, CivilServiceGrade.SPECIALIST, CivilServiceGrade.PRINCIPAL_SPECIALIST, CivilServiceGrade.SENIOR_SPECIALIST],
};
