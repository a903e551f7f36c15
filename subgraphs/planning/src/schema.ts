import { buildFederatedSchema, referenceResolver, useRefusalReasons } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { RefusalReason } from './refusal-reasons';
import type { PlanningContainer } from './container';
import type { PlanningContext } from './context';
import { CadrePlanningResolver } from './modules/cadre/cadre.resolver';
import { Cadre, OrgUnit } from './modules/cadre/cadre.type';
import { PlannedTitleResolver, TermPlannedTitlesResolver } from './modules/planned-title/planned-title.resolver';
import { PlanningCheckResolver } from './modules/planning-entry/planning-check.resolver';
import type { EntryWithRequired } from './modules/planning-entry/planning-entry.resolver';
import {
  PlannedTitleCandidatesResolver,
  PlanningEntryResolver,
} from './modules/planning-entry/planning-entry.resolver';
import { ListImportResolver } from './modules/list-import/list-import.resolver';
import { PlanningRoundResolver } from './modules/round/round.resolver';
import type { StandardFacts } from './modules/standards/standards-gap';
import { PlanningStatisticsResolver } from './modules/statistics/statistics.resolver';
import { TermResolver } from './modules/term/term.resolver';
import { classification, entryVisible } from './policy';

export function buildPlanningSchema(planning: PlanningContainer): Promise<GraphQLSchema> {
  useRefusalReasons(RefusalReason);
  const resolvers = [
    new CadrePlanningResolver(),
    new PlanningEntryResolver(planning),
    new ListImportResolver(planning),
    new PlanningCheckResolver(planning),
    new PlannedTitleResolver(planning),
    new TermPlannedTitlesResolver(planning),
    new PlannedTitleCandidatesResolver(),
    new PlanningRoundResolver(planning),
    new PlanningStatisticsResolver(planning),
    new TermResolver(planning),
  ];
  const entryById = referenceResolver((ctx: PlanningContext) => ctx.loaders.entryById);
  return buildFederatedSchema(
    {
      resolvers: [
        CadrePlanningResolver,
        PlanningEntryResolver,
        ListImportResolver,
        PlannedTitleCandidatesResolver,
        PlanningCheckResolver,
        PlannedTitleResolver,
        TermPlannedTitlesResolver,
        PlanningRoundResolver,
        PlanningStatisticsResolver,
        TermResolver,
      ],
      // Cadre is reachable only through `_entities`, so it must be named here.
      orphanedTypes: [Cadre, OrgUnit],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    {
      // Planning stores nothing about the cadre itself: the key is all its fields need.
      Cadre: {
        __resolveReference: (reference: { id: string; orgUnit?: OrgUnit | null }) => ({
          id: reference.id,
          orgUnit: reference.orgUnit,
        }),
      },
      // The gateway calls back with the fields `standardsGap` requires; keep them with the entry.
      // An entry outside the caller's scope resolves to null, as an unknown id does. The gateway
      // builds `cadre` from this entry's own `cadre` field, so its unit is this entry's candidate's,
      // as personnel gave it; without it, the unit planning recorded decides.
      PlanningEntry: {
        __resolveReference: async (
          reference: { id: string } & Partial<StandardFacts>,
          ctx: PlanningContext,
        ): Promise<EntryWithRequired | null> => {
          const entry = await entryById.__resolveReference(reference, ctx);
          if (!entry || !entryVisible(ctx.identity, entry, reference.cadre?.orgUnit?.id)) return null;
          const required =
            reference.cadre && reference.title ? { cadre: reference.cadre, title: reference.title } : undefined;
          return Object.assign(Object.create(Object.getPrototypeOf(entry)), entry, { required });
        },
      },
    },
    { subgraph: 'planning', classification },
  );
}
