import { buildFederatedSchema } from '@cadres/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { TrainingRepositories } from './context';
import { CadreTrainingResolver } from './modules/cadre/cadre.resolver';
import { Cadre } from './modules/cadre/cadre.type';
import { EnrollmentResolver } from './modules/enrollment/enrollment.resolver';
import { ProgrammeResolver } from './modules/programme/programme.resolver';
import { ProgrammeClassesResolver, TrainingClassResolver } from './modules/training-class/training-class.resolver';

export function buildTrainingSchema(repositories: TrainingRepositories): Promise<GraphQLSchema> {
  const resolvers = [
    new CadreTrainingResolver(),
    new EnrollmentResolver(),
    new ProgrammeResolver(repositories.programmes),
    new ProgrammeClassesResolver(),
    new TrainingClassResolver(),
  ];
  return buildFederatedSchema(
    {
      resolvers: [CadreTrainingResolver, EnrollmentResolver, ProgrammeResolver, ProgrammeClassesResolver, TrainingClassResolver],
      // Cadre is reachable only through `_entities`, so it must be named here.
      orphanedTypes: [Cadre],
      container: { get: (type) => resolvers.find((r) => r instanceof type) },
    },
    // Training stores nothing about the cadre itself: the key is all its fields need.
    { Cadre: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) } },
  );
}
