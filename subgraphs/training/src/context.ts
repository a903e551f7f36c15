import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { TrainingContainer, TrainingLoaders } from './container';

export type { TrainingContainer, TrainingLoaders, TrainingServices } from './container';
/** The container under the name the integration tests' harness uses. */
export type TrainingRepositories = TrainingContainer;

/** What every training resolver receives per request. */
export type TrainingContext = SubgraphContext<TrainingLoaders>;
