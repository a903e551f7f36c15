import { isUuid } from '@cadres/core';
import { RuleSettingRow, type SubgraphDefinition } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { createContainer, createLoaders, type PersonnelContainer, type PersonnelLoaders } from './container';
import { migrations } from './migrations';
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
import { buildPersonnelSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const personnelSubgraph: SubgraphDefinition<PersonnelContainer, PersonnelLoaders> = {
  name: 'personnel',
  dbSchema: 'personnel',
  entities: [
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
  ],
  extraEnv: {
    /** The planning subgraph, asked at write time whether a cadre is in the planning (rules 8 and 11). */
    PLANNING_URL: z.string().url().optional(),
  },
  migrations,
  auditsPartnerReads: true,
  createRepositories: createContainer,
  createLoaders,
  // Personnel owns the org tree: a caller's granted subtrees are read here, not asked of anyone.
  expandUnitSubtrees: (repositories) => (roots) => repositories.orgUnits.findSubtreeIds(roots.filter(isUuid)),
  buildSchema: buildPersonnelSchema,
  seedDemoData,
};
