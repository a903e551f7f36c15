import { BadInputError, DomainError, InvalidInputError, today, type Identity } from '@cadres/core';
import { inSavepoint, type ConstraintErrors, type Transaction, type UnitOfWork } from '@cadres/subgraph-kit';
import { personnelPolicy } from '../../policy';
import type { Cadre } from '../cadre/cadre.entity';
import type { CreateCadreInput, UpdateCadreInput } from '../cadre/cadre.inputs';
import type { CadreRepository } from '../cadre/cadre.repository';
import type { CadreService } from '../cadre/cadre.service';
import { normaliseOptional, normaliseText } from '../cadre/cadre.validation';
import type { Actor } from '../change-log/change-log.repository';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import type { CadreImportRow, ImportCadresInput } from './cadre-import.inputs';
import { CADRE_IMPORT_KIND, type ImportBatchResult, type ImportProblem } from './cadre-import.type';
import type { ImportBatchRepository } from './import-batch.repository';
import { nearestCode } from './nearest-code';

export const MAX_IMPORT_ROWS = 1000;

const TEXT_FIELDS = [
  'otherNames',
  'placeOfBirth',
  'hometown',
  'religion',
  'generalEducation',
  'phone',
  'email',
] as const;
const VALUE_FIELDS = [
  'sex',
  'dateOfBirth',
  'category',
  'grade',
  'gradeSince',
  'partyAdmissionDate',
  'partyOfficialDate',
] as const;
const REQUIRED_FOR_NEW = ['fullName', 'sex', 'dateOfBirth', 'ethnicity', 'category', 'orgUnitCode'] as const;

/**
 * A row's statement was refused by the database, which aborts the whole transaction: the batch is
 * run again with a savepoint per row, so that each row's refusal is reported and the next rows run.
 */
class NeedsSavepoints extends Error {
  constructor() {
    super('a row needs a savepoint');
  }
}

/** Thrown to roll a batch back (a dry run, or a batch with problems) while keeping what it found. */
class RollBack extends Error {
  constructor(readonly result: ImportBatchResult) {
    super('rolled back');
  }
}

interface UnitRef {
  id: string;
  code: string;
}

/** A database refusal inside a row as the domain error the API would answer, else null (then the batch fails whole). */
function constraintError(error: unknown, constraintErrors: ConstraintErrors): DomainError | null {
  const driver = ((error as { driverError?: { constraint?: string } })?.driverError ?? error) as
    { constraint?: string } | undefined;
  const translate = (constraintErrors as Record<string, (() => DomainError) | undefined>)[driver?.constraint ?? ''];
  return translate ? translate() : null;
}

function problemsOf(row: number, error: DomainError): ImportProblem[] {
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

/**
 * Imports cadre records a batch at a time. Each row goes through CadreService.create or .update, the
 * services behind createCadre and updateCadre, so the same validators, rules, change history and
 * database constraints apply; the batch is one transaction (all its rows or none), with a savepoint
 * per row so that one refused row does not hide the next one's problems. Rows are matched to
 * existing cadres by the personal ID number: a row equal to the record changes nothing, so a second
 * run of the same file writes nothing.
 */
export class CadreImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cadres: CadreRepository,
    private readonly cadreService: CadreService,
    private readonly batches: ImportBatchRepository,
    private readonly orgUnits: OrgUnitRepository,
    /** The subgraph's constraint names and the refusals they stand for (database-errors.ts). */
    private readonly constraintErrors: ConstraintErrors & { cadre_personal_id_unique: () => DomainError },
  ) {}

  async importBatch(input: ImportCadresInput, identity: Identity, by: Actor): Promise<ImportBatchResult> {
    if (input.rows.length > MAX_IMPORT_ROWS)
      throw new BadInputError(`At most ${MAX_IMPORT_ROWS} rows per batch.`, 'rows');
    const resumable = input.fileHash != null || input.batchIndex != null;
    if (
      resumable &&
      (!/^[0-9a-f]{64}$/.test(input.fileHash ?? '') || input.batchIndex == null || input.batchIndex < 0)
    ) {
      throw new BadInputError('fileHash (64 hex digits) and batchIndex (from 0) go together.', 'fileHash');
    }
    const empty: ImportBatchResult = {
      dryRun: input.dryRun,
      committed: false,
      alreadyImported: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      problems: [],
    };
    try {
      return await this.inBatchTransaction(input, identity, by, empty, resumable, false).catch((error: unknown) => {
        if (error instanceof NeedsSavepoints)
          return this.inBatchTransaction(input, identity, by, empty, resumable, true);
        throw error;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.result;
      throw error;
    }
  }

  /**
   * The batch in one transaction. Every problem rolls the whole batch back, so a row that fails
   * half-way needs no savepoint of its own; only a refusal by the database (which aborts the
   * transaction) makes the batch run again with savepoints: two statements a row saved otherwise.
   */
  private inBatchTransaction(
    input: ImportCadresInput,
    identity: Identity,
    by: Actor,
    empty: ImportBatchResult,
    resumable: boolean,
    savepoints: boolean,
  ): Promise<ImportBatchResult> {
    return this.unitOfWork(async (manager) => {
      if (
        resumable &&
        (await this.batches.isCommitted(
          manager,
          CADRE_IMPORT_KIND,
          input.fileHash as string,
          input.batchIndex as number,
        ))
      ) {
        return { ...empty, alreadyImported: true };
      }
      const result = await this.runRows(manager, input.rows, identity, by, empty, savepoints);
      if (input.dryRun || result.problems.length) throw new RollBack(result);
      if (resumable) {
        await this.batches.record(manager, {
          kind: CADRE_IMPORT_KIND,
          fileHash: input.fileHash as string,
          batchIndex: input.batchIndex as number,
          rows: input.rows.length,
          ...result,
          importedBy: by.actor,
          requestId: by.requestId,
        });
      }
      return { ...result, committed: true };
    });
  }

  private async runRows(
    manager: Transaction,
    rows: CadreImportRow[],
    identity: Identity,
    by: Actor,
    empty: ImportBatchResult,
    savepoints: boolean,
  ): Promise<ImportBatchResult> {
    const result = { ...empty, problems: [] as ImportProblem[] };
    const units = await this.unitsByCode(manager);
    const existing = new Map(
      (
        await this.cadres.findByPersonalIds(
          manager,
          rows.map((r) => r.personalIdNumber.trim()),
        )
      ).map((c) => [c.personalIdNumber, c]),
    );
    const existingIds = [...existing.values()].map((c) => c.id);
    const unitOf = new Map(
      existingIds.length
        ? (await this.cadres.findEffectiveUnitIds(existingIds, today(), manager)).map((u) => [u.cadreId, u.unitId])
        : [],
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const personalId = row.personalIdNumber.trim();
      if (seen.has(personalId)) {
        result.problems.push({
          row: row.row,
          field: 'personalIdNumber',
          code: 'CONFLICT',
          reason: 'DUPLICATE_IN_FILE',
          message: 'Another row of this batch has this personal ID number.',
          suggestion: null,
        });
        continue;
      }
      seen.add(personalId);
      const unit = row.orgUnitCode == null ? undefined : units.get(row.orgUnitCode.trim());
      if (row.orgUnitCode != null && !unit) {
        const suggestion = nearestCode(row.orgUnitCode, units.keys()) ?? null;
        result.problems.push({
          row: row.row,
          field: 'orgUnitCode',
          code: 'NOT_FOUND',
          reason: 'UNKNOWN_ORG_UNIT',
          message: `No unit has the code "${row.orgUnitCode}".`,
          suggestion,
        });
        continue;
      }
      const before = existing.get(personalId);
      const outcome = before
        ? await this.updateRow(manager, row, before, unitOf.get(before.id) ?? null, unit, identity, by, savepoints)
        : await this.createRow(manager, row, unit, identity, by, savepoints);
      if (Array.isArray(outcome)) result.problems.push(...outcome);
      else result[outcome]++;
    }
    return result;
  }

  private async createRow(
    manager: Transaction,
    row: CadreImportRow,
    unit: UnitRef | undefined,
    identity: Identity,
    by: Actor,
    savepoints: boolean,
  ): Promise<'created' | ImportProblem[]> {
    const missing = REQUIRED_FOR_NEW.filter((key) => row[key] == null || row[key] === '');
    if (missing.length) {
      return missing.map((field) => ({
        row: row.row,
        field,
        code: 'BAD_USER_INPUT',
        reason: 'REQUIRED',
        message: 'Required for a new cadre.',
        suggestion: null,
      }));
    }
    const refusal = personnelPolicy.refusal(identity, 'createCadreInUnit', (unit as UnitRef).id);
    if (refusal) return problemsOf(row.row, refusal);
    const input = { ...withoutImportFields(row), orgUnitId: (unit as UnitRef).id } as CreateCadreInput;
    return this.inSavepoint(manager, row.row, savepoints, () =>
      this.cadreService.create(input, by, manager).then(() => 'created' as const),
    );
  }

  private async updateRow(
    manager: Transaction,
    row: CadreImportRow,
    before: Cadre,
    effectiveUnitId: string | null,
    unit: UnitRef | undefined,
    identity: Identity,
    by: Actor,
    savepoints: boolean,
  ): Promise<'updated' | 'unchanged' | ImportProblem[]> {
    // Outside the caller's subtrees the number answers as createCadre would: taken.
    if (!personnelPolicy.allows(identity, 'writeCadre', effectiveUnitId))
      return problemsOf(row.row, this.constraintErrors.cadre_personal_id_unique());
    const changes = changedFields(row, before);
    const problems: ImportProblem[] = [];
    if (unit && unit.id !== effectiveUnitId) {
      // A unit changes by a transfer decision (career events), never by editing the record.
      problems.push({
        row: row.row,
        field: 'orgUnitCode',
        code: 'RULE_VIOLATION',
        reason: 'UNIT_CHANGE_NEEDS_DECISION',
        message: 'The cadre belongs to another unit: a move is recorded as a career event with its decision.',
        suggestion: null,
      });
    }
    if (problems.length) return problems;
    if (!Object.keys(changes).length) return 'unchanged';
    return this.inSavepoint(manager, row.row, savepoints, () =>
      this.cadreService.update(before.id, changes, by, manager).then(() => 'updated' as const),
    );
  }

  /** Runs one row's writes so that a refusal undoes that row only and the batch goes on to report the rest. */
  private async inSavepoint<T>(
    manager: Transaction,
    row: number,
    savepoints: boolean,
    work: () => Promise<T>,
  ): Promise<T | ImportProblem[]> {
    if (!savepoints) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof DomainError) return problemsOf(row, error);
        // The database refused a statement: the transaction is aborted, run the batch with savepoints.
        if (constraintError(error, this.constraintErrors)) throw new NeedsSavepoints();
        throw error;
      }
    }
    try {
      return await inSavepoint(manager, work);
    } catch (error) {
      const domain = error instanceof DomainError ? error : constraintError(error, this.constraintErrors);
      if (!domain) throw error;
      return problemsOf(row, domain);
    }
  }

  private async unitsByCode(manager: Transaction): Promise<Map<string, UnitRef>> {
    const rows: UnitRef[] = await this.orgUnits.codes(manager);
    return new Map(rows.map((u) => [u.code, u]));
  }
}

function withoutImportFields(row: CadreImportRow): Omit<CadreImportRow, 'row' | 'orgUnitCode'> {
  const { row: _row, orgUnitCode: _code, ...fields } = row;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Omit<
    CadreImportRow,
    'row' | 'orgUnitCode'
  >;
}

/** The fields of the row that differ from the record, compared as the service would store them. */
export function changedFields(row: CadreImportRow, before: Cadre): UpdateCadreInput {
  const changes: UpdateCadreInput = {};
  const set = (key: keyof UpdateCadreInput, value: unknown) => Object.assign(changes, { [key]: value });
  for (const key of ['fullName', 'ethnicity'] as const) {
    const value = row[key];
    if (value !== undefined && value !== null && normaliseText(value) !== before[key]) set(key, value);
  }
  for (const key of TEXT_FIELDS) {
    const value = row[key];
    if (value !== undefined && (normaliseOptional(value) ?? null) !== before[key]) set(key, value);
  }
  for (const key of VALUE_FIELDS) {
    const value = row[key];
    if (value !== undefined && (value ?? null) !== (before[key] ?? null)) set(key, value);
  }
  return changes;
}
