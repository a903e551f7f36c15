import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { createContainer, createLoaders, type PlanningContainer, type PlanningLoaders } from './container';
import { migrations } from './migrations';
import { PlanningEntry } from './modules/planning-entry/planning-entry.entity';
import { PlannedTitle } from './modules/planned-title/planned-title.entity';
import { PlanningRound, RoundFlag } from './modules/round/round.entity';
import { RuleSet } from './modules/rule-set/rule-set.entity';
import { DevelopmentNeed } from './modules/standards/development-need.entity';
import { Term } from './modules/term/term.entity';
import { buildPlanningSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const planningSubgraph: SubgraphDefinition<PlanningContainer, PlanningLoaders> = {
  name: 'planning',
  dbSchema: 'planning',
  entities: [Term, RuleSet, PlannedTitle, PlanningEntry, PlanningRound, RoundFlag, DevelopmentNeed],
  extraEnv: {
    /** The personnel subgraph, asked for cadres' and titles' facts when planning changes (rules 14–16). */
    PERSONNEL_URL: z.string().url().optional(),
  },
  migrations,
  auditsPartnerReads: true,
  createRepositories: createContainer,
  createLoaders,
  buildSchema: buildPlanningSchema,
  seedDemoData,
};
