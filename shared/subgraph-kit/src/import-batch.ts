import { BadInputError, DomainError, editDistance, InvalidInputError } from '@cadres/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { inSavepoint, type ConstraintErrors, type Transaction, type UnitOfWork } from './transactions';

/*
 * A spreadsheet's batch (issue 19) in the subgraph that owns its records: every row through the
 * services of the single-row mutations, in one transaction, every problem reported, all or nothing.
 * The types are shared by the three subgraphs' import mutations (the supergraph has one shape).
 */

@Directive('@shareable')
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

@Directive('@shareable')
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

/** What one row did: a count to add to, or its problems (then the batch is rolled back). */
export type ImportRowOutcome = 'created' | 'updated' | 'unchanged' | ImportProblem[];

/** A refusal as the rows' problems: each field problem of an input error, else the one reason. */
export function importProblemsOf(row: number, error: DomainError): ImportProblem[] {
  if (error instanceof InvalidInputError) {
    return error.problems.map((p) => ({
      row,
      field: p.field,
      code: error.code,
      reason: p.reason,
      message: p.message,
      suggestion: null,
    }));
  }
  const { reason, field } = error.details as { reason?: string; field?: string };
  return [
    { row, field: field ?? null, code: error.code, reason: reason ?? null, message: error.message, suggestion: null },
  ];
}

/** One problem the import itself finds (an unknown code, a row of the file met before), in the API's shape. */
export function importProblem(
  row: number,
  field: string | null,
  code: string,
  reason: string,
  message: string,
  suggestion: string | null = null,
): ImportProblem {
  return { row, field, code, reason, message, suggestion };
}

/**
 * A row met earlier in the batch under the same natural key: its problem, else none (and the key
 * is remembered for the rows after it).
 */
export function duplicateInBatch(seen: Map<string, number>, key: string, row: number): ImportProblem[] {
  const earlier = seen.get(key);
  if (earlier === undefined) {
    seen.set(key, row);
    return [];
  }
  return [importProblem(row, null, 'CONFLICT', 'DUPLICATE_IN_FILE', `Row ${earlier} has the same key.`)];
}

/**
 * The problems of the cadre a row names by personal ID number: none found, or one outside the
 * caller's units (which reads the same, as the single-row mutations answer), or a name other than
 * the record's (a wrong number, most likely).
 */
export function cadreRowProblems(
  row: number,
  cadre: { fullName: string } | undefined,
  inScope: boolean,
  fullName: string | null | undefined,
): ImportProblem[] {
  if (!cadre || !inScope)
    return [
      importProblem(
        row,
        'personalIdNumber',
        'NOT_FOUND',
        'UNKNOWN_CADRE',
        'No cadre (in your units) has this personal ID number.',
      ),
    ];
  if (fullName && !sameName(fullName, cadre.fullName))
    return [
      importProblem(
        row,
        'fullName',
        'BAD_USER_INPUT',
        'NAME_MISMATCH',
        'The name differs from the record of this personal ID number: is the number right?',
      ),
    ];
  return [];
}

/** A code nobody has (a unit's, a title's, a class's, a term's), with the nearest known one. */
export function unknownCode(
  row: number,
  field: string,
  reason: string,
  code: string,
  known: Iterable<string>,
): ImportProblem {
  return importProblem(
    row,
    field,
    'NOT_FOUND',
    reason,
    `Nothing has the code "${code}".`,
    nearestCode(code, known) ?? null,
  );
}

/** Whether a row's name is the record's, as officials would compare them: case, spacing and Unicode form aside. */
export function sameName(a: string, b: string): boolean {
  const key = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return key(a) === key(b);
}

/** The known code nearest to an unknown one (case and separators ignored), when it is close enough to be a typo. */
export function nearestCode(code: string, known: Iterable<string>): string | undefined {
  const key = (text: string) => text.toUpperCase().replace(/[\s_.-]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(key(code), key(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(code.length / 3)) ? best : undefined;
}

/** Thrown to roll a batch back (a dry run, or a batch with problems) while keeping what it found. */
class RollBack extends Error {
  constructor(readonly result: ImportBatchResult) {
    super('rolled back');
  }
}

export interface ImportBatchJob<Row extends { row: number }, Lookups> {
  unitOfWork: UnitOfWork;
  /** The subgraph's constraint names and the refusals they stand for. */
  constraintErrors: ConstraintErrors;
  rows: readonly Row[];
  dryRun: boolean;
  maxRows: number;
  /** Reads what every row looks up (codes, existing records), once per batch, in its transaction. */
  prepare: (transaction: Transaction) => Promise<Lookups>;
  /** One row through the single-row mutations' services, given the batch's transaction. */
  runRow: (transaction: Transaction, row: Row, lookups: Lookups) => Promise<ImportRowOutcome>;
  /** The spreadsheet column a service's field stands for (`titleId` → `titleCode`), so the report names it. */
  columnOf?: Readonly<Record<string, string>>;
}

/**
 * Runs a batch in one transaction: all its rows or none. Each row runs in a savepoint, so a row the
 * services or the database refuse is undone alone and the next rows are still checked (and see the
 * earlier rows' writes: an appointment, then its renewal). A dry run, or a batch with any problem,
 * is rolled back whole after the last row, with what it found.
 */
export async function runImportBatch<Row extends { row: number }, Lookups>(
  job: ImportBatchJob<Row, Lookups>,
): Promise<ImportBatchResult> {
  if (job.rows.length > job.maxRows) throw new BadInputError(`At most ${job.maxRows} rows per batch.`, 'rows');
  const translate = (error: unknown): DomainError | null => {
    if (error instanceof DomainError) return error;
    const driver = ((error as { driverError?: { constraint?: string } })?.driverError ?? error) as
      { constraint?: string } | undefined;
    return job.constraintErrors[driver?.constraint ?? '']?.() ?? null;
  };
  try {
    return await job.unitOfWork(async (transaction) => {
      const result: ImportBatchResult = {
        dryRun: job.dryRun,
        committed: false,
        alreadyImported: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        problems: [],
      };
      const lookups = await job.prepare(transaction);
      for (const row of job.rows) {
        let outcome: ImportRowOutcome;
        try {
          outcome = await inSavepoint(transaction, () => job.runRow(transaction, row, lookups));
        } catch (error) {
          const refusal = translate(error);
          if (!refusal) throw error;
          outcome = importProblemsOf(row.row, refusal).map((p) => ({
            ...p,
            field: (p.field && job.columnOf?.[p.field]) ?? p.field,
          }));
        }
        if (Array.isArray(outcome)) result.problems.push(...outcome);
        else result[outcome]++;
      }
      if (job.dryRun || result.problems.length) throw new RollBack(result);
      return { ...result, committed: true };
    });
  } catch (error) {
    if (error instanceof RollBack) return error.result;
    throw error;
  }
}
