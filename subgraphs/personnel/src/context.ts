import type { SubgraphContext } from '@cadres/subgraph-kit';
import type { PersonnelContainer, PersonnelLoaders } from './container';
import type { Actor } from './modules/change-log/change-log.repository';

export type { PersonnelContainer, PersonnelLoaders, PersonnelServices } from './container';
/** The container under the name the integration tests' harness uses. */
export type PersonnelRepositories = PersonnelContainer;

/** What every personnel resolver receives per request. */
export type PersonnelContext = SubgraphContext<PersonnelLoaders>;

export function actorOf(context: PersonnelContext): Actor {
  return { actor: context.actor, requestId: context.requestId };
}
