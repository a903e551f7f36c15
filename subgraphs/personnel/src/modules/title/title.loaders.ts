import { today } from '@cadres/core';
import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Assignment } from '../appointment/appointment.entity';
import type { Title } from './title.entity';
import type { TitleRepository } from './title.repository';

export function createTitleLoaders(titles: TitleRepository) {
  return {
    titleById: new DataLoader<string, Title | null>(async (ids) =>
      oneByKey(ids, await titles.findByIds(ids), (t) => t.id),
    ),
    holdersByTitleId: new DataLoader<string, Assignment[]>(async (ids) =>
      manyByKey(ids, await titles.findHolders(ids, today()), (a) => a.titleId),
    ),
  };
}
