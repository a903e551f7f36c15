import { ImportBatchResult } from '@cadres/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TrainingServices } from '../../container';
import type { TrainingContext } from '../../context';
import { policy } from '../../policy';
import { ImportClassRostersInput } from './roster-import.inputs';

@Resolver()
export class RosterImportResolver {
  constructor(private readonly services: TrainingServices) {}

  @Mutation(() => ImportBatchResult, {
    description:
      'Imports a batch of class rosters with results through the same services and access policy as nominate and changeEnrollmentStatus: all the batch or nothing, every problem reported. Idempotent: a trainee already at the row’s status and result is left alone.',
  })
  importClassRosters(
    @Arg('input') input: ImportClassRostersInput,
    @Ctx() { identity, requestId }: TrainingContext,
  ): Promise<ImportBatchResult> {
    // Each row is then decided as nominate and changeEnrollmentStatus decide theirs (the cadre in scope).
    policy.require(identity, 'writeCadreTraining');
    return this.services.rosterImport.importBatch(input, { identity, requestId });
  }
}
