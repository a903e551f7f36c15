import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';

/**
 * The scales of a title's standard (DOMAIN.md glossary). Personnel's titles and cadres use them,
 * training grants them, planning compares them: one definition keeps the subgraphs' enums identical,
 * as federation requires.
 */
export enum PoliticalTheoryLevel {
  ELEMENTARY = 'ELEMENTARY',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
  BACHELOR = 'BACHELOR',
  ADVANCED_POLITICS_ADMIN = 'ADVANCED_POLITICS_ADMIN',
}

export enum StateManagementLevel {
  SPECIALIST = 'SPECIALIST',
  PRINCIPAL_SPECIALIST = 'PRINCIPAL_SPECIALIST',
  SENIOR_SPECIALIST = 'SENIOR_SPECIALIST',
}

export enum EducationLevel {
  COLLEGE = 'COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTORATE = 'DOCTORATE',
}

/** Ngạch công chức: CVCC 01.001, CVC 01.002, CV 01.003, cán sự 01.004, nhân viên 01.005. */
export enum CivilServiceGrade {
  SENIOR_SPECIALIST = 'SENIOR_SPECIALIST',
  PRINCIPAL_SPECIALIST = 'PRINCIPAL_SPECIALIST',
  SPECIALIST = 'SPECIALIST',
  OFFICER = 'OFFICER',
  EMPLOYEE = 'EMPLOYEE',
}

/** Grades from lowest to highest (the enum lists them as the grade codes run, highest first). */
export const GRADES_LOWEST_FIRST = [
  CivilServiceGrade.EMPLOYEE,
  CivilServiceGrade.OFFICER,
  CivilServiceGrade.SPECIALIST,
  CivilServiceGrade.PRINCIPAL_SPECIALIST,
  CivilServiceGrade.SENIOR_SPECIALIST,
];

// Registered once, when the module is first loaded, before any schema is built.
registerEnumType(PoliticalTheoryLevel, {
  name: 'PoliticalTheoryLevel',
  description: 'Lý luận chính trị, lowest first.',
});
registerEnumType(StateManagementLevel, {
  name: 'StateManagementLevel',
  description: 'Quản lý nhà nước, lowest first.',
});
registerEnumType(EducationLevel, { name: 'EducationLevel', description: 'Professional degree, lowest first.' });
registerEnumType(CivilServiceGrade, {
  name: 'CivilServiceGrade',
  description:
    'Ngạch: SENIOR_SPECIALIST 01.001, PRINCIPAL_SPECIALIST 01.002, SPECIALIST 01.003, OFFICER 01.004, EMPLOYEE 01.005.',
});
