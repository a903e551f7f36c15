import { RuleBook, type SubgraphContext } from '@cadres/subgraph-kit';
import { today } from '@cadres/core';
import type { DataSource } from 'typeorm';
import { createEnrollmentLoaders } from './modules/enrollment/enrollment.loaders';
import { EnrollmentRepository } from './modules/enrollment/enrollment.repository';
import { EnrollmentService } from './modules/enrollment/enrollment.service';
import { PersonnelClient } from './modules/enrollment/personnel-client';
import { createPlanLoaders } from './modules/plan/plan.loaders';
import { PlanRepository } from './modules/plan/plan.repository';
import { CatalogueService } from './modules/programme/catalogue.service';
import { createProgrammeLoaders } from './modules/programme/programme.loaders';
import { ProgrammeRepository } from './modules/programme/programme.repository';
import { createQualificationLoaders } from './modules/qualification/qualification.loaders';
import { QualificationRepository } from './modules/qualification/qualification.repository';
import { trainingRules } from './modules/rules/training-rules';
import { StatisticsRepository } from './modules/statistics/statistics.repository';
import { createTrainingClassLoaders } from './modules/training-class/training-class.loaders';
import { TrainingClassRepository } from './modules/training-class/training-class.repository';

/** Repositories and the services built on them: one set per process. */
export function createRepositories(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    programmes: new ProgrammeRepository(dataSource),
    classes: new TrainingClassRepository(dataSource),
    enrollments: new EnrollmentRepository(dataSource),
    qualifications: new QualificationRepository(dataSource),
    plans: new PlanRepository(dataSource),
    statistics: new StatisticsRepository(dataSource),
    ruleBook: new RuleBook(dataSource, trainingRules),
  };
  const personnel = new PersonnelClient(env.PERSONNEL_URL as string | undefined, env.INTERNAL_SIGNING_SECRET as string);
  const services = {
    catalogue: new CatalogueService(dataSource, repositories.plans),
    enrollments: new EnrollmentService(dataSource, repositories.enrollments, repositories.qualifications, repositories.ruleBook, personnel, today),
  };
  return { ...repositories, services, dataSource };
}

export type TrainingRepositories = ReturnType<typeof createRepositories>;
export type TrainingServices = TrainingRepositories['services'];

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: TrainingRepositories) {
  return {
    ...createProgrammeLoaders(repositories.programmes),
    ...createTrainingClassLoaders(repositories.classes),
    ...createEnrollmentLoaders(repositories.enrollments),
    ...createQualificationLoaders(repositories.qualifications),
    ...createPlanLoaders(repositories.plans),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;
export type TrainingContext = SubgraphContext<TrainingLoaders>;
