import { manyByKey, oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Enrollment } from './enrollment.entity';
import type { EnrollmentRepository } from './enrollment.repository';
import type { StudyCommitment } from './study-commitment.entity';

export function createEnrollmentLoaders(enrollments: EnrollmentRepository) {
  return {
    enrollmentsByCadreId: new DataLoader<string, Enrollment[]>(async (cadreIds) =>
      manyByKey(cadreIds, await enrollments.findByCadreIds(cadreIds), (e) => e.cadreId),
    ),
    commitmentByEnrollmentId: new DataLoader<string, StudyCommitment | null>(async (ids) =>
      oneByKey(ids, await enrollments.findCommitments(ids), (c) => c.enrollmentId),
    ),
  };
}
