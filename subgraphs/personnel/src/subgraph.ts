import { isUuid } from '@cadres/core';
import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { createContainer, createLoaders, type PersonnelContainer, type PersonnelLoaders } from './container';
import { migrations } from './migrations';
import { PERSONNEL_SCHEMA, personnelEntities } from './entities';
import { buildPersonnelSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const personnelSubgraph: SubgraphDefinition<PersonnelContainer, PersonnelLoaders> = {
  name: 'personnel',
  dbSchema: PERSONNEL_SCHEMA,
  entities: personnelEntities,
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
