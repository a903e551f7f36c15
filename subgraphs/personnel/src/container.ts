import { AuditTrail, RuleBook, type UnitOfWork } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { PlanningClient } from './clients/planning-client';
import { inTransaction, PERSONNEL_CONSTRAINT_ERRORS } from './database-errors';
import { AppointmentRepository } from './modules/appointment/appointment.repository';
import { AppointmentService } from './modules/appointment/appointment.service';
import { createCadreLoaders } from './modules/cadre/cadre.loaders';
import { CadreRepository } from './modules/cadre/cadre.repository';
import { CadreService } from './modules/cadre/cadre.service';
import { CareerImportRepository } from './modules/career-import/career-import.repository';
import { CareerImportService } from './modules/career-import/career-import.service';
import { CadreImportService } from './modules/cadre-import/cadre-import.service';
import { ImportBatchRepository } from './modules/cadre-import/import-batch.repository';
import { CadreListsRepository } from './modules/cadre/cadre-lists.repository';
import { createCareerLoaders } from './modules/career/career.loaders';
import { ChangeLogRepository } from './modules/change-log/change-log.repository';
import { DecisionRepository } from './modules/decision/decision.repository';
import { DecisionService } from './modules/decision/decision.service';
import { DisciplineRepository } from './modules/discipline/discipline.repository';
import { DisciplineService } from './modules/discipline/discipline.service';
import { EvaluationRepository } from './modules/evaluation/evaluation.repository';
import { EvaluationService } from './modules/evaluation/evaluation.service';
import { MobilityRepository } from './modules/mobility/mobility.repository';
import { MobilityService } from './modules/mobility/mobility.service';
import { createOrgUnitLoaders } from './modules/org-unit/org-unit.loaders';
import { OrgUnitRepository } from './modules/org-unit/org-unit.repository';
import { personnelRules } from './modules/rules/personnel-rules';
import { StatisticsRepository } from './modules/statistics/statistics.repository';
import { createTitleLoaders } from './modules/title/title.loaders';
import { TitleRepository } from './modules/title/title.repository';

/**
 * The one place that knows every part of the subgraph and wires them, once per process: the
 * repositories (the only code that speaks SQL), the services built on them (every write and rule),
 * and the client of planning. Resolvers receive what this returns, never the data source. Where a
 * feature needs another that depends on it (a cadre's retirement moves posts' ends; cancelling a
 * decision undoes the records that cite it), it declares an interface and this hands in the
 * repository that implements it, so features still depend one way.
 */
export function createContainer(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    cadres: new CadreRepository(dataSource),
    orgUnits: new OrgUnitRepository(dataSource),
    titles: new TitleRepository(dataSource),
    decisions: new DecisionRepository(dataSource),
    appointments: new AppointmentRepository(dataSource),
    mobility: new MobilityRepository(dataSource),
    evaluations: new EvaluationRepository(dataSource),
    disciplines: new DisciplineRepository(dataSource),
    cadreLists: new CadreListsRepository(dataSource),
    changes: new ChangeLogRepository(dataSource),
    importBatches: new ImportBatchRepository(dataSource),
    statistics: new StatisticsRepository(dataSource),
    ruleBook: new RuleBook(dataSource, personnelRules),
    audit: new AuditTrail(dataSource),
  };
  const unitOfWork: UnitOfWork = (work) => inTransaction(dataSource, work);
  const planning = new PlanningClient(env.PLANNING_URL as string | undefined, env.INTERNAL_SIGNING_SECRET as string);
  const { cadres, orgUnits, appointments, mobility, evaluations, disciplines, ruleBook, changes } = repositories;
  const decisions = new DecisionService(
    unitOfWork,
    repositories.decisions,
    { appointments, mobility, evaluations, disciplines },
    changes,
  );
  const cadreService = new CadreService(
    unitOfWork,
    cadres,
    changes,
    orgUnits,
    appointments,
    ruleBook,
    PERSONNEL_CONSTRAINT_ERRORS,
  );
  const appointmentService = new AppointmentService(
    unitOfWork,
    appointments,
    cadres,
    orgUnits,
    disciplines,
    decisions,
    ruleBook,
    planning,
    changes,
  );
  const mobilityService = new MobilityService(
    unitOfWork,
    mobility,
    cadres,
    orgUnits,
    decisions,
    ruleBook,
    planning,
    changes,
  );
  const services = {
    cadres: cadreService,
    cadreImport: new CadreImportService(
      unitOfWork,
      cadres,
      cadreService,
      repositories.importBatches,
      orgUnits,
      PERSONNEL_CONSTRAINT_ERRORS,
    ),
    decisions,
    appointments: appointmentService,
    mobility: mobilityService,
    careerImport: new CareerImportService(
      unitOfWork,
      cadres,
      orgUnits,
      repositories.titles,
      repositories.decisions,
      decisions,
      appointmentService,
      mobilityService,
      new CareerImportRepository(),
      planning,
      PERSONNEL_CONSTRAINT_ERRORS,
    ),
    evaluations: new EvaluationService(unitOfWork, evaluations, cadres, decisions, changes),
    disciplines: new DisciplineService(unitOfWork, disciplines, cadres, decisions, changes),
  };
  return { ...repositories, services, unitOfWork };
}

export type PersonnelContainer = ReturnType<typeof createContainer>;
export type PersonnelServices = PersonnelContainer['services'];

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: PersonnelContainer) {
  const cadreLoaders = createCadreLoaders(repositories.cadres, repositories.cadreLists);
  return {
    ...cadreLoaders,
    ...createOrgUnitLoaders(repositories.orgUnits),
    ...createTitleLoaders(repositories.titles),
    ...createCareerLoaders({ ...repositories, cadreLists: cadreLoaders.cadreLists }),
  };
}

export type PersonnelLoaders = ReturnType<typeof createLoaders>;
