import { StandardCriterion } from './standard.enums';
import { unmetCriteria } from './standards-gap';

describe('unmetCriteria', () => {
  const title = {
    minPoliticalTheoryLevel: 'ADVANCED',
    minStateManagementLevel: 'PRINCIPAL_SPECIALIST',
    minEducation: 'BACHELOR',
    minGrade: 'PRINCIPAL_SPECIALIST',
  };

  it('is empty when every criterion is met or exceeded', () => {
    expect(
      unmetCriteria({
        title,
        cadre: {
          politicalTheoryLevel: 'ADVANCED_POLITICS_ADMIN',
          stateManagementLevel: 'SENIOR_SPECIALIST',
          highestDegree: 'MASTER',
          grade: 'PRINCIPAL_SPECIALIST',
        },
      }),
    ).toEqual([]);
  });

  it('lists each criterion below the standard, with what is held', () => {
    expect(
      unmetCriteria({
        title,
        cadre: {
          politicalTheoryLevel: 'INTERMEDIATE',
          stateManagementLevel: null,
          highestDegree: 'BACHELOR',
          grade: 'SPECIALIST',
        },
      }),
    ).toEqual([
      { criterion: StandardCriterion.POLITICAL_THEORY, required: 'ADVANCED', held: 'INTERMEDIATE' },
      { criterion: StandardCriterion.STATE_MANAGEMENT, required: 'PRINCIPAL_SPECIALIST', held: null },
      { criterion: StandardCriterion.GRADE, required: 'PRINCIPAL_SPECIALIST', held: 'SPECIALIST' },
    ]);
  });

  it('ignores criteria the title does not set', () => {
    expect(unmetCriteria({ title: { minEducation: 'COLLEGE' }, cadre: {} })).toEqual([
      { criterion: StandardCriterion.EDUCATION, required: 'COLLEGE', held: null },
    ]);
  });
});
