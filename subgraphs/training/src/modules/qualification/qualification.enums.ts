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

/** Political-theory levels, lowest first (same names as personnel's title standards). */
export const POLITICAL_THEORY_LEVELS = ['ELEMENTARY', 'INTERMEDIATE', 'ADVANCED', 'BACHELOR', 'ADVANCED_POLITICS_ADMIN'];
/** State-management levels, lowest first. */
export const STATE_MANAGEMENT_LEVELS = ['SPECIALIST', 'PRINCIPAL_SPECIALIST', 'SENIOR_SPECIALIST'];
