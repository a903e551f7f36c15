import { buildFederatedSchema, referenceResolver, ruleSettingsResolver, useRefusalReasons } from '@cadres/subgraph-kit';
import { classification, personnelPolicy } from './policy';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { isUuid } from '@cadres/core';
import { RefusalReason } from './refusal-reasons';
import type { PersonnelContainer } from './container';
import { actorOf, type PersonnelContext } from './context';
import { AppointmentResolver, AssignmentResolver } from './modules/appointment/appointment.resolver';
import { listKindsAsked } from './modules/cadre/cadre-lists.lookahead';
import { CadreResolver } from './modules/cadre/cadre.resolver';
import { CadreImportResolver } from './modules/cadre-import/cadre-import.resolver';
import { CareerImportResolver } from './modules/career-import/career-import.resolver';
import { ChangeLogResolver } from './modules/change-log/change-log.resolver';
import { DecisionResolver } from './modules/decision/decision.resolver';
import { DisciplineResolver } from './modules/discipline/discipline.resolver';
import { EvaluationResolver } from './modules/evaluation/evaluation.resolver';
import { MobilityResolver } from './modules/mobility/mobility.resolver';
import { OrgUnitResolver } from './modules/org-unit/org-unit.resolver';
import { StatisticsResolver } from './modules/statistics/statistics.resolver';
import { TitleResolver } from './modules/title/title.resolver';

const cadreReference = referenceResolver((ctx: PersonnelContext) => ctx.loaders.cadreById);

/** The subgraph's schema; resolvers get their collaborators from `personnel`. */
export function buildPersonnelSchema(personnel: PersonnelContainer): Promise<GraphQLSchema> {
  useRefusalReasons(RefusalReason);
  const rules = ruleSettingsResolver({
    prefix: 'personnel',
    scope: 'personnel rules (DOMAIN.md 7–13)',
    ruleBook: personnel.ruleBook,
    unitOfWork: personnel.unitOfWork,
    authorize: (context) => personnelPolicy.require(context.identity, 'defineRuleSetting'),
    authorizeRead: (context) => personnelPolicy.require(context.identity, 'readRuleSettings'),
    afterDefine: (manager, row, context) =>
      personnel.changes.append(manager, actorOf(context as PersonnelContext), [
        { action: 'RULE_DEFINED', entity: 'RuleSetting', entityId: row.id, after: row },
      ]),
  });
  const resolvers = [
    rules.instance,
    new CadreResolver(personnel.services),
    new CadreImportResolver(personnel),
    new CareerImportResolver(personnel.services),
    new OrgUnitResolver(personnel),
    new TitleResolver(personnel),
    new DecisionResolver(personnel.services),
    new AppointmentResolver(personnel),
    new AssignmentResolver(),
    new MobilityResolver(personnel),
    new EvaluationResolver(personnel.services),
    new DisciplineResolver(personnel.services),
    new ChangeLogResolver(personnel),
    new StatisticsResolver(personnel),
  ];
  return buildFederatedSchema(
    {
      resolvers: [
        CadreResolver,
        CadreImportResolver,
        CareerImportResolver,
        OrgUnitResolver,
        TitleResolver,
        DecisionResolver,
        AppointmentResolver,
        AssignmentResolver,
        MobilityResolver,
        EvaluationResolver,
        DisciplineResolver,
        rules.type,
        ChangeLogResolver,
        StatisticsResolver,
      ],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    {
      Cadre: {
        // A reference to a cadre outside the caller's subtrees resolves to nothing, as a missing one.
        __resolveReference: async (reference: { id: string }, ctx: PersonnelContext, info: GraphQLResolveInfo) => {
          // The lists the caller asks of the cadres (planning's standards gap: degrees) come with them.
          if (isUuid(reference.id)) ctx.loaders.cadreListsWanted(reference.id.toLowerCase(), listKindsAsked(info));
          const cadre = await cadreReference.__resolveReference(reference, ctx);
          return cadre &&
            personnelPolicy.allows(ctx.identity, 'readCadre', await ctx.loaders.effectiveUnitIdByCadreId.load(cadre.id))
            ? cadre
            : null;
        },
      },
      OrgUnit: referenceResolver((ctx: PersonnelContext) => ctx.loaders.orgUnitById),
      Title: referenceResolver((ctx: PersonnelContext) => ctx.loaders.titleById),
    },
    { subgraph: 'personnel', classification },
  );
}
