import type { SubgraphDefinition } from '@cadres/subgraph-kit';
import { createLoaders, createRepositories, type TrainingLoaders, type TrainingRepositories } from './context';
import { migrations } from './migrations';
import { Enrollment } from './modules/enrollment/enrollment.entity';
import { Programme } from './modules/programme/programme.entity';
import { Provider } from './modules/training-class/provider.entity';
import { TrainingClass } from './modules/training-class/training-class.entity';
import { buildTrainingSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const trainingSubgraph: SubgraphDefinition<TrainingRepositories, TrainingLoaders> = {
  name: 'training',
  dbSchema: 'training',
  defaultPort: 4002,
  entities: [Programme, Provider, TrainingClass, Enrollment],
  migrations,
  createRepositories,
  createLoaders,
  buildSchema: buildTrainingSchema,
  seedDemoData,
};
