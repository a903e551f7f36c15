import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { createLoaders, createRepositories, type PlanningLoaders, type PlanningRepositories } from './context';
import { migrations } from './migrations';
import { PlanningEntry } from './modules/planning-entry/planning-entry.entity';
import { Term } from './modules/term/term.entity';
import { buildPlanningSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const planningSubgraph: SubgraphDefinition<PlanningRepositories, PlanningLoaders> = {
  name: 'planning',
  dbSchema: 'planning',
  defaultPort: 4003,
  entities: [Term, PlanningEntry],
  migrations,
  createRepositories,
  createLoaders,
  buildSchema: buildPlanningSchema,
  seedDemoData,
};
