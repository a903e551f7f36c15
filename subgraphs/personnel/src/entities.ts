import { RuleSettingRow } from '@cadres/subgraph-kit';
import { Appointment, Assignment } from './modules/appointment/appointment.entity';
import { Degree, FamilyMember } from './modules/cadre/cadre-details.entity';
import { Cadre } from './modules/cadre/cadre.entity';
import { ChangeLogEntry } from './modules/change-log/change-log.entity';
import { Decision } from './modules/decision/decision.entity';
import { Discipline } from './modules/discipline/discipline.entity';
import { Evaluation } from './modules/evaluation/evaluation.entity';
import { Mobility } from './modules/mobility/mobility.entity';
import { OrgUnit } from './modules/org-unit/org-unit.entity';
import { Title } from './modules/title/title.entity';

/** The PostgreSQL schema personnel owns. */
export const PERSONNEL_SCHEMA = 'personnel';

/** Every table personnel maps (its subgraph's data source; its test factory's, for other subgraphs' tests). */
export const personnelEntities = [
  Cadre,
  Degree,
  FamilyMember,
  OrgUnit,
  Title,
  Decision,
  Assignment,
  Appointment,
  Mobility,
  Evaluation,
  Discipline,
  ChangeLogEntry,
  RuleSettingRow,
];
