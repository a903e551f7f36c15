import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { PlanningContainer, PlanningLoaders } from './container';

export type { PlanningContainer, PlanningLoaders } from './container';
/** The container under the name the integration tests' harness uses. */
export type PlanningRepositories = PlanningContainer;

/** What every planning resolver receives per request. */
export type PlanningContext = SubgraphContext<PlanningLoaders>;
