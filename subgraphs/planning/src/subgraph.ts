import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { createContainer, createLoaders, type PlanningContainer, type PlanningLoaders } from './container';
import { migrations } from './migrations';
import { PLANNING_SCHEMA, planningEntities } from './entities';
import { buildPlanningSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const planningSubgraph: SubgraphDefinition<PlanningContainer, PlanningLoaders> = {
  name: 'planning',
  dbSchema: PLANNING_SCHEMA,
  entities: planningEntities,
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
