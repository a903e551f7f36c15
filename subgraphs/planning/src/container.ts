import { AuditTrail, StatisticsUnits, type UnitOfWork } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { PersonnelClient } from './clients/personnel-client';
import { inTransaction, PLANNING_CONSTRAINT_ERRORS } from './database-errors';
import { PlannedTitleRepository } from './modules/planned-title/planned-title.repository';
import { PlannedTitleService } from './modules/planned-title/planned-title.service';
import { createPlanningEntryLoaders } from './modules/planning-entry/planning-entry.loaders';
import { PlanningEntryRepository } from './modules/planning-entry/planning-entry.repository';
import { ListImportRepository } from './modules/list-import/list-import.repository';
import { ListImportService } from './modules/list-import/list-import.service';
import { PlanningEntryService } from './modules/planning-entry/planning-entry.service';
import { RoundRepository } from './modules/round/round.repository';
import { RoundService } from './modules/round/round.service';
import { StandardsRepository } from './modules/standards/standards.repository';
import { PlanningStatisticsRepository } from './modules/statistics/statistics.repository';
import { createTermLoaders } from './modules/term/term.loaders';
import { TermRepository } from './modules/term/term.repository';
import { TermService } from './modules/term/term.service';

/**
 * The one place that knows every part of the subgraph and wires them, once per process: the
 * repositories (the only code that speaks SQL), the services built on them (every write and rule),
 * and the client of personnel. Resolvers receive what this returns, never the data source.
 */
export function createContainer(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    terms: new TermRepository(dataSource),
    entries: new PlanningEntryRepository(dataSource),
    plannedTitles: new PlannedTitleRepository(dataSource),
    rounds: new RoundRepository(dataSource),
    standards: new StandardsRepository(dataSource),
    statistics: new PlanningStatisticsRepository(dataSource),
    audit: new AuditTrail(dataSource),
  };
  const unitOfWork: UnitOfWork = (work) => inTransaction(dataSource, work);
  const personnelUrl = env.PERSONNEL_URL as string | undefined;
  const signingSecret = env.INTERNAL_SIGNING_SECRET as string;
  const personnel = new PersonnelClient(personnelUrl, signingSecret);
  const statisticsUnits = new StatisticsUnits({ url: personnelUrl, signingSecret, caller: 'planning' });
  const { terms, entries, plannedTitles, rounds } = repositories;
  const entryService = new PlanningEntryService(unitOfWork, entries, plannedTitles, terms, personnel);
  const services = {
    terms: new TermService(unitOfWork, terms),
    entries: entryService,
    listImport: new ListImportService(
      unitOfWork,
      new ListImportRepository(),
      entryService,
      personnel,
      PLANNING_CONSTRAINT_ERRORS,
    ),
    plannedTitles: new PlannedTitleService(unitOfWork, terms, plannedTitles, personnel),
    rounds: new RoundService(unitOfWork, rounds, entries, plannedTitles, terms, personnel),
  };
  return { ...repositories, services, personnel, statisticsUnits };
}

export type PlanningContainer = ReturnType<typeof createContainer>;

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(container: PlanningContainer) {
  return {
    ...createTermLoaders(container.terms),
    ...createPlanningEntryLoaders(container.entries, container.plannedTitles, container.standards),
  };
}

export type PlanningLoaders = ReturnType<typeof createLoaders>;
