import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { PlannedTitleRepository } from './modules/planned-title/planned-title.repository';
import { PlannedTitleService } from './modules/planned-title/planned-title.service';
import { PersonnelClient } from './modules/planning-entry/personnel-client';
import { createPlanningEntryLoaders } from './modules/planning-entry/planning-entry.loaders';
import { PlanningEntryRepository } from './modules/planning-entry/planning-entry.repository';
import { PlanningEntryService } from './modules/planning-entry/planning-entry.service';
import { RoundService } from './modules/round/round.service';
import { StandardsRepository } from './modules/standards/standards.repository';
import { PlanningStatisticsRepository } from './modules/statistics/statistics.repository';
import { createTermLoaders } from './modules/term/term.loaders';
import { TermRepository } from './modules/term/term.repository';

/** Repositories and the services built on them: one set per process. */
export function createRepositories(dataSource: DataSource, env: Record<string, unknown>) {
  const repositories = {
    terms: new TermRepository(dataSource),
    entries: new PlanningEntryRepository(dataSource),
    plannedTitles: new PlannedTitleRepository(dataSource),
    standards: new StandardsRepository(dataSource),
    statistics: new PlanningStatisticsRepository(dataSource),
  };
  const personnel = new PersonnelClient(env.PERSONNEL_URL as string | undefined, env.INTERNAL_SIGNING_SECRET as string);
  const services = {
    entries: new PlanningEntryService(dataSource, repositories.entries, personnel),
    plannedTitles: new PlannedTitleService(dataSource, repositories.entries, personnel),
    rounds: new RoundService(dataSource, repositories.entries, personnel),
  };
  return { ...repositories, services, personnel, dataSource };
}

export type PlanningRepositories = ReturnType<typeof createRepositories>;

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: PlanningRepositories) {
  return {
    ...createTermLoaders(repositories.terms),
    ...createPlanningEntryLoaders(repositories.entries, repositories.plannedTitles, repositories.standards),
  };
}

export type PlanningLoaders = ReturnType<typeof createLoaders>;
export type PlanningContext = SubgraphContext<PlanningLoaders>;
