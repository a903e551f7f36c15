import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { createEnrollmentLoaders } from './modules/enrollment/enrollment.loaders';
import { EnrollmentRepository } from './modules/enrollment/enrollment.repository';
import { createProgrammeLoaders } from './modules/programme/programme.loaders';
import { ProgrammeRepository } from './modules/programme/programme.repository';
import { createTrainingClassLoaders } from './modules/training-class/training-class.loaders';
import { TrainingClassRepository } from './modules/training-class/training-class.repository';

export function createRepositories(dataSource: DataSource) {
  return {
    programmes: new ProgrammeRepository(dataSource),
    classes: new TrainingClassRepository(dataSource),
    enrollments: new EnrollmentRepository(dataSource),
  };
}

export type TrainingRepositories = ReturnType<typeof createRepositories>;

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: TrainingRepositories) {
  return {
    ...createProgrammeLoaders(repositories.programmes),
    ...createTrainingClassLoaders(repositories.classes),
    ...createEnrollmentLoaders(repositories.enrollments),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;
export type TrainingContext = SubgraphContext<TrainingLoaders>;
