import { PoliticalTheoryLevel, StateManagementLevel } from '@cadres/subgraph-kit';
import { registerEnumType } from 'type-graphql';

export enum QualificationKind {
  POLITICAL_THEORY = 'POLITICAL_THEORY',
  STATE_MANAGEMENT = 'STATE_MANAGEMENT',
  DEFENCE_SECURITY = 'DEFENCE_SECURITY',
  DEGREE = 'DEGREE',
  CERTIFICATE = 'CERTIFICATE',
}
registerEnumType(QualificationKind, { name: 'QualificationKind' });

export enum QualificationSource {
  /** Recorded from the cadre's file (held before, or earned elsewhere). */
  PRIOR = 'PRIOR',
  /** Granted by completing a class here. */
  TRAINING = 'TRAINING',
}
registerEnumType(QualificationSource, { name: 'QualificationSource' });

/** Political-theory levels, lowest first (the scale of personnel's title standards). */
export const POLITICAL_THEORY_LEVELS: string[] = Object.values(PoliticalTheoryLevel);
/** State-management levels, lowest first. */
export const STATE_MANAGEMENT_LEVELS: string[] = Object.values(StateManagementLevel);
