import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One problem of one row of an import, tied to a column when it is one.' })
export class ImportProblem {
  @Field(() => Int) row: number;
  @Field(() => String, { nullable: true, description: 'The column’s key (the input field), null for the whole row.' })
  field: string | null;
  @Field({ description: 'BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, RULE_VIOLATION or CONFLICT.' }) code: string;
  @Field(() => String, {
    nullable: true,
    description: 'The specific check, e.g. PERSONAL_ID_MISMATCH, UNKNOWN_ORG_UNIT.',
  })
  reason: string | null;
  @Field() message: string;
  @Field(() => String, { nullable: true, description: 'The nearest known value, for an unknown code.' }) suggestion:
    string | null;
}

@ObjectType({
  description: 'What an import batch did (or, in a dry run or with problems, would have done; nothing was written).',
})
export class ImportBatchResult {
  @Field() dryRun: boolean;
  @Field({ description: 'True when the batch had no problem and was committed.' }) committed: boolean;
  @Field({ description: 'This file’s batch was committed before: nothing was done again.' }) alreadyImported: boolean;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => [ImportProblem]) problems: ImportProblem[];
}

/** The kind under which cadre files' committed batches are recorded (import_batch.kind). */
export const CADRE_IMPORT_KIND = 'cadres';
