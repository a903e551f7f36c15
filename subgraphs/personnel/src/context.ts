import { RuleBook, type SubgraphContext } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AppointmentRepository } from './modules/appointment/appointment.repository';
import { AppointmentService } from './modules/appointment/appointment.service';
import { PlanningClient } from './modules/appointment/planning-client';
import { createCadreLoaders } from './modules/cadre/cadre.loaders';
import { CadreRepository } from './modules/cadre/cadre.repository';
import { CadreService } from './modules/cadre/cadre.service';
import { createCareerLoaders } from './modules/career.loaders';
import { CadreImportService } from './modules/cadre-import/cadre-import.service';
import { ImportBatchRepository } from './modules/cadre-import/import-batch.repository';
import { ChangeLogRepository, type Actor } from './modules/change-log/change-log.repository';
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
import { createTitleLoaders } from './modules/title/title.loaders';
import { TitleRepository } from './modules/title/title.repository';

/** Repositories and the services built on them: one set per process. */
export function createRepositories(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    cadres: new CadreRepository(dataSource),
    orgUnits: new OrgUnitRepository(dataSource),
    titles: new TitleRepository(dataSource),
    decisions: new DecisionRepository(dataSource),
    appointments: new AppointmentRepository(dataSource),
    mobility: new MobilityRepository(dataSource),
    evaluations: new EvaluationRepository(dataSource),
    disciplines: new DisciplineRepository(dataSource),
    changes: new ChangeLogRepository(dataSource),
    importBatches: new ImportBatchRepository(dataSource),
    ruleBook: new RuleBook(dataSource, personnelRules),
  };
  const planning = new PlanningClient(env.PLANNING_URL as string | undefined, env.INTERNAL_SIGNING_SECRET as string);
  const decisions = new DecisionService(dataSource, repositories.decisions, repositories, repositories.changes);
  const { cadres, appointments, mobility, evaluations, disciplines, ruleBook, changes } = repositories;
  const cadreService = new CadreService(dataSource, cadres, changes, appointments, ruleBook);
  const services = {
    cadres: cadreService,
    cadreImport: new CadreImportService(dataSource, cadres, cadreService, repositories.importBatches),
    decisions,
    appointments: new AppointmentService(dataSource, appointments, cadres, disciplines, decisions, ruleBook, planning, changes),
    mobility: new MobilityService(dataSource, mobility, cadres, decisions, ruleBook, planning, changes),
    evaluations: new EvaluationService(dataSource, evaluations, cadres, decisions, changes),
    disciplines: new DisciplineService(dataSource, disciplines, cadres, decisions, changes),
  };
  return { ...repositories, services, dataSource };
}

export type PersonnelRepositories = ReturnType<typeof createRepositories>;
export type PersonnelServices = PersonnelRepositories['services'];

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: PersonnelRepositories) {
  return {
    ...createCadreLoaders(repositories.cadres),
    ...createOrgUnitLoaders(repositories.orgUnits),
    ...createTitleLoaders(repositories.titles),
    ...createCareerLoaders(repositories),
  };
}

export type PersonnelLoaders = ReturnType<typeof createLoaders>;
export type PersonnelContext = SubgraphContext<PersonnelLoaders>;

export function actorOf(context: PersonnelContext): Actor {
  return { actor: context.actor, requestId: context.requestId };
}
