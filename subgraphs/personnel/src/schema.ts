import { buildFederatedSchema, referenceResolver } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { PersonnelContext, PersonnelRepositories } from './context';
import { AppointmentResolver, AssignmentResolver } from './modules/appointment/appointment.resolver';
import { CadreResolver } from './modules/cadre/cadre.resolver';
import { ChangeLogResolver } from './modules/change-log/change-log.resolver';
import { DecisionResolver } from './modules/decision/decision.resolver';
import { DisciplineResolver } from './modules/discipline/discipline.resolver';
import { EvaluationResolver } from './modules/evaluation/evaluation.resolver';
import { MobilityResolver } from './modules/mobility/mobility.resolver';
import { OrgUnitResolver } from './modules/org-unit/org-unit.resolver';
import { PersonnelRulesResolver } from './modules/rules/rules.resolver';
import { TitleResolver } from './modules/title/title.resolver';

/** The subgraph's schema; resolvers get their collaborators from `personnel`. */
export function buildPersonnelSchema(personnel: PersonnelRepositories): Promise<GraphQLSchema> {
  const resolvers = [
    new CadreResolver(personnel.services),
    new OrgUnitResolver(personnel.orgUnits),
    new TitleResolver(personnel.titles),
    new DecisionResolver(personnel.services),
    new AppointmentResolver(personnel),
    new AssignmentResolver(),
    new MobilityResolver(personnel),
    new EvaluationResolver(personnel.services),
    new DisciplineResolver(personnel.services),
    new PersonnelRulesResolver(personnel),
    new ChangeLogResolver(personnel),
  ];
  return buildFederatedSchema(
    {
      resolvers: [
        CadreResolver,
        OrgUnitResolver,
        TitleResolver,
        DecisionResolver,
        AppointmentResolver,
        AssignmentResolver,
        MobilityResolver,
        EvaluationResolver,
        DisciplineResolver,
        PersonnelRulesResolver,
        ChangeLogResolver,
      ],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    {
      Cadre: referenceResolver((ctx: PersonnelContext) => ctx.loaders.cadreById),
      OrgUnit: referenceResolver((ctx: PersonnelContext) => ctx.loaders.orgUnitById),
      Title: referenceResolver((ctx: PersonnelContext) => ctx.loaders.titleById),
    },
  );
}
