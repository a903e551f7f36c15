import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Provider } from './provider.entity';
import type { TrainingClass } from './training-class.entity';
import type { TrainingClassRepository } from './training-class.repository';

export function createTrainingClassLoaders(classes: TrainingClassRepository) {
  return {
    trainingClassById: new DataLoader<string, TrainingClass | null>(async (ids) =>
      oneByKey(ids, await classes.findByIds(ids), (c) => c.id),
    ),
    trainingClassesByProgrammeId: new DataLoader<string, TrainingClass[]>(async (ids) =>
      manyByKey(ids, await classes.findByProgrammeIds(ids), (c) => c.programmeId),
    ),
    providerById: new DataLoader<string, Provider | null>(async (ids) =>
      oneByKey(ids, await classes.findProvidersByIds(ids), (p) => p.id),
    ),
  };
}
