import { oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Programme } from './programme.entity';
import type { ProgrammeRepository } from './programme.repository';

export function createProgrammeLoaders(programmes: ProgrammeRepository) {
  return {
    programmeById: new DataLoader<string, Programme | null>(async (ids) =>
      oneByKey(ids, await programmes.findByIds(ids), (p) => p.id),
    ),
  };
}
