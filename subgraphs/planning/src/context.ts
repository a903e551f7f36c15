import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { createPlanningEntryLoaders } from './modules/planning-entry/planning-entry.loaders';
import { PlanningEntryRepository } from './modules/planning-entry/planning-entry.repository';
import { createTermLoaders } from './modules/term/term.loaders';
import { TermRepository } from './modules/term/term.repository';

export function createRepositories(dataSource: DataSource) {
  return {
    terms: new TermRepository(dataSource),
    entries: new PlanningEntryRepository(dataSource),
  };
}

export type PlanningRepositories = ReturnType<typeof createRepositories>;

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: PlanningRepositories) {
  return {
    ...createTermLoaders(repositories.terms),
    ...createPlanningEntryLoaders(repositories.entries),
  };
}

export type PlanningLoaders = ReturnType<typeof createLoaders>;
export type PlanningContext = SubgraphContext<PlanningLoaders>;
