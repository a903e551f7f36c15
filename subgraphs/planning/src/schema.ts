import { buildFederatedSchema } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { PlanningRepositories } from './context';
import { CadrePlanningResolver } from './modules/cadre/cadre.resolver';
import { Cadre } from './modules/cadre/cadre.type';
import { PlanningCheckResolver } from './modules/planning-entry/planning-check.resolver';
import { PlanningEntryResolver } from './modules/planning-entry/planning-entry.resolver';
import { TermResolver } from './modules/term/term.resolver';

export function buildPlanningSchema(repositories: PlanningRepositories): Promise<GraphQLSchema> {
  const resolvers = [
    new CadrePlanningResolver(),
    new PlanningEntryResolver(),
    new PlanningCheckResolver(repositories.entries),
    new TermResolver(repositories.terms),
  ];
  return buildFederatedSchema(
    {
      resolvers: [CadrePlanningResolver, PlanningEntryResolver, PlanningCheckResolver, TermResolver],
      // Cadre is reachable only through `_entities`, so it must be named here.
      orphanedTypes: [Cadre],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    // Planning stores nothing about the cadre itself: the key is all its fields need.
    { Cadre: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) } },
  );
}
