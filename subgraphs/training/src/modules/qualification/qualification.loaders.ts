import { manyByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Qualification } from './qualification.entity';
import type { QualificationRepository } from './qualification.repository';

export function createQualificationLoaders(qualifications: QualificationRepository) {
  return {
    qualificationsByCadreId: new DataLoader<string, Qualification[]>(async (ids) =>
      manyByKey(ids, await qualifications.findByCadreIds(ids), (q) => q.cadreId),
    ),
  };
}
