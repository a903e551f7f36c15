import { AuditTrail, RuleBook, StatisticsUnits, type UnitOfWork } from '@cadres/subgraph-kit';
import { today } from '@cadres/core';
import type { DataSource } from 'typeorm';
import { PersonnelClient } from './clients/personnel-client';
import { inTransaction, TRAINING_CONSTRAINT_ERRORS } from './database-errors';
import { createEnrollmentLoaders } from './modules/enrollment/enrollment.loaders';
import { EnrollmentRepository } from './modules/enrollment/enrollment.repository';
import { EnrollmentService } from './modules/enrollment/enrollment.service';
import { createPlanLoaders } from './modules/plan/plan.loaders';
import { PlanRepository } from './modules/plan/plan.repository';
import { CatalogueService } from './modules/programme/catalogue.service';
import { createProgrammeLoaders } from './modules/programme/programme.loaders';
import { ProgrammeRepository } from './modules/programme/programme.repository';
import { createQualificationLoaders } from './modules/qualification/qualification.loaders';
import { QualificationRepository } from './modules/qualification/qualification.repository';
import { trainingRules } from './modules/rules/training-rules';
import { RosterImportRepository } from './modules/roster-import/roster-import.repository';
import { RosterImportService } from './modules/roster-import/roster-import.service';
import { StatisticsRepository } from './modules/statistics/statistics.repository';
import { StatisticsUnitsService } from './modules/statistics/statistics-units.service';
import { createTrainingClassLoaders } from './modules/training-class/training-class.loaders';
import { TrainingClassRepository } from './modules/training-class/training-class.repository';

/**
 * The one place that knows every part of the subgraph and wires them, once per process: the
 * repositories (the only code that speaks SQL), the services built on them (every write and rule),
 * and the client of personnel. Resolvers receive what this returns, never the data source.
 */
export function createContainer(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    programmes: new ProgrammeRepository(dataSource),
    classes: new TrainingClassRepository(dataSource),
    enrollments: new EnrollmentRepository(dataSource),
    qualifications: new QualificationRepository(dataSource),
    plans: new PlanRepository(dataSource),
    statistics: new StatisticsRepository(dataSource),
    ruleBook: new RuleBook(dataSource, trainingRules),
    audit: new AuditTrail(dataSource),
  };
  const unitOfWork: UnitOfWork = (work) => inTransaction(dataSource, work);
  const personnelUrl = env.PERSONNEL_URL as string | undefined;
  const signingSecret = env.INTERNAL_SIGNING_SECRET as string;
  const personnel = new PersonnelClient(personnelUrl, signingSecret);
  const enrollments = new EnrollmentService(
    unitOfWork,
    repositories.enrollments,
    repositories.classes,
    repositories.qualifications,
    repositories.ruleBook,
    personnel,
    today,
  );
  const services = {
    catalogue: new CatalogueService(
      unitOfWork,
      repositories.programmes,
      repositories.classes,
      repositories.plans,
      repositories.qualifications,
    ),
    enrollments,
    rosterImport: new RosterImportService(
      unitOfWork,
      new RosterImportRepository(),
      enrollments,
      personnel,
      TRAINING_CONSTRAINT_ERRORS,
      today,
    ),
    statisticsUnits: new StatisticsUnitsService(
      new StatisticsUnits({ url: personnelUrl, signingSecret, caller: 'training' }),
    ),
  };
  return { ...repositories, services, unitOfWork };
}

export type TrainingContainer = ReturnType<typeof createContainer>;
export type TrainingServices = TrainingContainer['services'];

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: TrainingContainer) {
  return {
    ...createProgrammeLoaders(repositories.programmes),
    ...createTrainingClassLoaders(repositories.classes),
    ...createEnrollmentLoaders(repositories.enrollments),
    ...createQualificationLoaders(repositories.qualifications),
    ...createPlanLoaders(repositories.plans),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;
