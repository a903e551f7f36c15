import { ImportBatchResult } from '@cadres/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { policy } from '../../policy';
import { ImportPlanningListsInput } from './list-import.inputs';

@Resolver()
export class ListImportResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @Mutation(() => ImportBatchResult, {
    description:
      'Imports a batch of a term’s planning list through the same services and access policy as addPlanningEntry and approvePlanningEntry: all the batch or nothing, every problem reported. Idempotent: an entry already at the row’s status is left alone.',
  })
  importPlanningLists(
    @Arg('input') input: ImportPlanningListsInput,
    @Ctx() { identity, requestId }: PlanningContext,
  ): Promise<ImportBatchResult> {
    // Each row is then decided as addPlanningEntry decides (the cadre and the planned title the caller's).
    policy.require(identity, 'writeEntry');
    return this.planning.services.listImport.importBatch(input, { identity, requestId });
  }
}
