import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { BadInputError } from '@cadres/core';
import { requireAction } from '../../access';
import { actorOf, type PersonnelContext, type PersonnelRepositories } from '../../context';
import { ImportCadresInput } from './cadre-import.inputs';
import { CADRE_IMPORT_KIND, ImportBatchResult } from './cadre-import.type';

@Resolver()
export class CadreImportResolver {
  constructor(private readonly personnel: PersonnelRepositories) {}

  @Mutation(() => ImportBatchResult, {
    description:
      'Imports a batch of cadre records (a spreadsheet’s rows, keyed by the personal ID number) through the same checks as createCadre and updateCadre: all the batch or nothing, every problem reported. Idempotent; with fileHash and batchIndex, a batch is imported once.',
  })
  importCadres(@Arg('input') input: ImportCadresInput, @Ctx() context: PersonnelContext): Promise<ImportBatchResult> {
    requireAction(context, 'importCadres');
    return this.personnel.services.cadreImport.importBatch(input, context.identity, actorOf(context));
  }

  @Query(() => [Int], {
    description: 'The batches of a cadre file (by its SHA-256) already imported: where to resume.',
  })
  cadreImportProgress(@Arg('fileHash') fileHash: string, @Ctx() context: PersonnelContext): Promise<number[]> {
    requireAction(context, 'importCadres');
    if (!/^[0-9a-f]{64}$/.test(fileHash))
      throw new BadInputError('fileHash is a SHA-256 in hex (64 digits).', 'fileHash');
    return this.personnel.importBatches.committedIndexes(CADRE_IMPORT_KIND, fileHash);
  }
}
