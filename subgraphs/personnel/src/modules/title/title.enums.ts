import { registerEnumType } from 'type-graphql';

/** Lý luận chính trị, lowest first. */
export enum PoliticalTheoryLevel {
  ELEMENTARY = 'ELEMENTARY',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
  BACHELOR = 'BACHELOR',
  ADVANCED_POLITICS_ADMIN = 'ADVANCED_POLITICS_ADMIN',
}
registerEnumType(PoliticalTheoryLevel, { name: 'PoliticalTheoryLevel', description: 'Lý luận chính trị, lowest first.' });

/** Quản lý nhà nước: the grade course a cadre completed, lowest first. */
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

/** Ngạch công chức: CVCC 01.001, CVC 01.002, CV 01.003, cán sự 01.004, nhân viên 01.005. */
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
