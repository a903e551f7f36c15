import { oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Cadre } from './cadre.entity';
import type { CadreRepository } from './cadre.repository';

export function createCadreLoaders(cadres: CadreRepository) {
  return {
    cadreById: new DataLoader<string, Cadre | null>(async (ids) => oneByKey(ids, await cadres.findByIds(ids), (c) => c.id)),
  };
}
