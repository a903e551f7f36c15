import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { createLoaders, createRepositories, type PersonnelLoaders, type PersonnelRepositories } from './context';
import { migrations } from './migrations';
import { Cadre } from './modules/cadre/cadre.entity';
import { OrgUnit } from './modules/org-unit/org-unit.entity';
import { Title } from './modules/title/title.entity';
import { buildPersonnelSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const personnelSubgraph: SubgraphDefinition<PersonnelRepositories, PersonnelLoaders> = {
  name: 'personnel',
  dbSchema: 'personnel',
  defaultPort: 4001,
  entities: [Cadre, OrgUnit, Title],
  migrations,
  createRepositories,
  createLoaders,
  buildSchema: buildPersonnelSchema,
  seedDemoData,
};
