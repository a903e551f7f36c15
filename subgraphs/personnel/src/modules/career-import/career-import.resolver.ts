import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAction } from '../../access';
import type { PersonnelServices } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { ImportBatchResult } from '../cadre-import/cadre-import.type';
import { ImportCareerEventsInput } from './career-import.inputs';

@Resolver()
export class CareerImportResolver {
  constructor(private readonly services: PersonnelServices) {}

  @Mutation(() => ImportBatchResult, {
    description:
      'Imports a batch of career events (appointments, rotations, transfers, secondments with their decisions) through the same services and access policy as createDecision, recordAppointment and recordMobility: all the batch or nothing, every problem reported. Idempotent: an event already recorded (cadre, kind, decision number) is skipped.',
  })
  importCareerEvents(
    @Arg('input') input: ImportCareerEventsInput,
    @Ctx() context: PersonnelContext,
  ): Promise<ImportBatchResult> {
    requireAction(context, 'importCareerEvents');
    return this.services.careerImport.importBatch(input, context.identity, actorOf(context));
  }
}
