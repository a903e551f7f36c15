import { manyByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Enrollment } from './enrollment.entity';
import type { EnrollmentRepository } from './enrollment.repository';

export function createEnrollmentLoaders(enrollments: EnrollmentRepository) {
  return {
    enrollmentsByCadreId: new DataLoader<string, Enrollment[]>(async (cadreIds) =>
      manyByKey(cadreIds, await enrollments.findByCadreIds(cadreIds), (e) => e.cadreId),
    ),
  };
}
