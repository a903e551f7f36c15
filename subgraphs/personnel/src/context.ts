import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { DataSource } from 'typeorm';
import { createCadreLoaders } from './modules/cadre/cadre.loaders';
import { CadreRepository } from './modules/cadre/cadre.repository';
import { createOrgUnitLoaders } from './modules/org-unit/org-unit.loaders';
import { OrgUnitRepository } from './modules/org-unit/org-unit.repository';
import { createTitleLoaders } from './modules/title/title.loaders';
import { TitleRepository } from './modules/title/title.repository';

export function createRepositories(dataSource: DataSource) {
  return {
    cadres: new CadreRepository(dataSource),
    orgUnits: new OrgUnitRepository(dataSource),
    titles: new TitleRepository(dataSource),
  };
}

export type PersonnelRepositories = ReturnType<typeof createRepositories>;

/** Every DataLoader of the subgraph, built afresh for each request. */
export function createLoaders(repositories: PersonnelRepositories) {
  return {
    ...createCadreLoaders(repositories.cadres),
    ...createOrgUnitLoaders(repositories.orgUnits),
    ...createTitleLoaders(repositories.titles),
  };
}

export type PersonnelLoaders = ReturnType<typeof createLoaders>;
export type PersonnelContext = SubgraphContext<PersonnelLoaders>;
