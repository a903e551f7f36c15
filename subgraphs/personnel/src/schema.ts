import { buildFederatedSchema, referenceResolver } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { PersonnelContext, PersonnelRepositories } from './context';
import { CadreResolver } from './modules/cadre/cadre.resolver';
import { CadreService } from './modules/cadre/cadre.service';
import { OrgUnitResolver } from './modules/org-unit/org-unit.resolver';
import { TitleResolver } from './modules/title/title.resolver';

/** The subgraph's schema; resolvers get their collaborators from `repositories`. */
export function buildPersonnelSchema(repositories: PersonnelRepositories): Promise<GraphQLSchema> {
  const resolvers = [
    new CadreResolver(new CadreService(repositories.cadres)),
    new OrgUnitResolver(repositories.orgUnits),
    new TitleResolver(repositories.titles),
  ];
  return buildFederatedSchema(
    {
      resolvers: [CadreResolver, OrgUnitResolver, TitleResolver],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    {
      Cadre: referenceResolver((ctx: PersonnelContext) => ctx.loaders.cadreById),
      OrgUnit: referenceResolver((ctx: PersonnelContext) => ctx.loaders.orgUnitById),
      Title: referenceResolver((ctx: PersonnelContext) => ctx.loaders.titleById),
    },
  );
}
