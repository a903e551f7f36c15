/** The standard's scales are shared with training and planning (see @cadres/subgraph-kit). */
export { CivilServiceGrade, EducationLevel, PoliticalTheoryLevel, StateManagementLevel } from '@cadres/subgraph-kit';
