import { buildFederatedSchema, referenceResolver, ruleSettingsResolver, useRefusalReasons } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { RefusalReason } from './refusal-reasons';
import type { TrainingContainer } from './container';
import type { TrainingContext } from './context';
import { CadreTrainingResolver } from './modules/cadre/cadre.resolver';
import { Cadre, OrgUnit } from './modules/cadre/cadre.type';
import { EnrollmentResolver } from './modules/enrollment/enrollment.resolver';
import { QuotaResolver, TrainingPlanResolver } from './modules/plan/plan.resolver';
import { ProgrammeResolver } from './modules/programme/programme.resolver';
import { QualificationResolver } from './modules/qualification/qualification.resolver';
import { RosterImportResolver } from './modules/roster-import/roster-import.resolver';
import { TrainingStatisticsResolver } from './modules/statistics/statistics.resolver';
import { TrainingClassResolver } from './modules/training-class/training-class.resolver';
import { classification, policy } from './policy';

export function buildTrainingSchema(training: TrainingContainer): Promise<GraphQLSchema> {
  useRefusalReasons(RefusalReason);
  const rules = ruleSettingsResolver({
    prefix: 'training',
    scope: 'training rules (DOMAIN.md 1–6)',
    ruleBook: training.ruleBook,
    unitOfWork: training.unitOfWork,
    authorize: (context) => policy.require(context.identity, 'defineRules'),
  });
  const resolvers = [
    rules.instance,
    new CadreTrainingResolver(),
    new EnrollmentResolver(training.services),
    new RosterImportResolver(training.services),
    new ProgrammeResolver(training),
    new TrainingClassResolver(training),
    new TrainingPlanResolver(training),
    new QuotaResolver(),
    new QualificationResolver(training.services),
    new TrainingStatisticsResolver(training),
  ];
  return buildFederatedSchema(
    {
      resolvers: [
        rules.type,
        CadreTrainingResolver,
        EnrollmentResolver,
        RosterImportResolver,
        ProgrammeResolver,
        TrainingClassResolver,
        TrainingPlanResolver,
        QuotaResolver,
        QualificationResolver,
        TrainingStatisticsResolver,
      ],
      // Cadre is reachable only through `_entities`, so it must be named here.
      orphanedTypes: [Cadre, OrgUnit],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    {
      // Training stores nothing about the cadre itself: the key is all its fields need.
      Cadre: {
        __resolveReference: (reference: { id: string; orgUnit?: OrgUnit | null }) => ({
          id: reference.id,
          orgUnit: reference.orgUnit,
        }),
      },
      // Planning names the programmes that close a standards gap; training resolves them.
      Programme: referenceResolver((ctx: TrainingContext) => ctx.loaders.programmeById),
    },
    { subgraph: 'training', classification },
  );
}
