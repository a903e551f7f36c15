import { BadInputError, DomainError, must, today, type Identity } from '@cadres/core';
import { importProblemsOf, type ConstraintErrors, type Transaction, type UnitOfWork } from '@cadres/subgraph-kit';
import { personnelPolicy } from '../../policy';
import type { Cadre } from '../cadre/cadre.entity';
import type { CreateCadreInput, UpdateCadreInput } from '../cadre/cadre.inputs';
import type { CadreRepository } from '../cadre/cadre.repository';
import type { CadreService } from '../cadre/cadre.service';
import { normaliseOptional, normaliseText, OPTIONAL_TEXT_FIELDS } from '../cadre/cadre.validation';
import type { Actor } from '../change-log/change-log.repository';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import type { CadreImportRow, ImportCadresInput } from './cadre-import.inputs';
import { CADRE_IMPORT_KIND, type ImportBatchResult, type ImportProblem } from './cadre-import.type';
import type { ImportBatchRepository } from './import-batch.repository';
import { nearestCode } from './nearest-code';

export const MAX_IMPORT_ROWS = 1000;

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

/**
 * Imports cadre records a batch at a time, set-based: every row is checked first (the same pure
 * checks as createCadre and updateCadre, the caller's policy per row, units by code), then the new
 * records are written by `CadreService.createMany` (one multi-row insert, one history insert) and
 * the changed ones by `CadreService.updateMany`, the services behind createCadre and updateCadre,
 * so the same rules, change history and database constraints apply. A statement or two a batch
 * instead of four a row. The batch is one transaction: all its rows or none; a dry run runs the
 * very same writes and rolls them back, so it meets the database's checks too. Rows are matched to
 * existing cadres by the personal ID number: a row equal to the record changes nothing, so a
 * second run of the same rows writes nothing.
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
      return await this.unitOfWork(async (manager) => {
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
        const result = await this.runRows(manager, input.rows, identity, by, empty);
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
    } catch (error) {
      if (error instanceof RollBack) return error.result;
      throw error;
    }
  }

  private async runRows(
    manager: Transaction,
    rows: CadreImportRow[],
    identity: Identity,
    by: Actor,
    empty: ImportBatchResult,
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
    const toCreate: { row: number; input: Omit<CreateCadreInput, 'degrees' | 'familyMembers'> }[] = [];
    const toUpdate: { row: number; id: string; input: UpdateCadreInput }[] = [];
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
      const planned = before
        ? this.planUpdate(row, before, unitOf.get(before.id) ?? null, unit, identity)
        : this.planCreate(row, unit, identity);
      if (Array.isArray(planned)) result.problems.push(...planned);
      else if (planned === 'unchanged') result.unchanged++;
      else if ('id' in planned) toUpdate.push(planned);
      else toCreate.push(planned);
    }
    const count = (outcomes: (Cadre | DomainError)[], planned: { row: number }[], key: 'created' | 'updated') =>
      outcomes.forEach((outcome, i) => {
        if (outcome instanceof DomainError)
          result.problems.push(...importProblemsOf(must(planned[i], 'one outcome per planned row').row, outcome));
        else result[key]++;
      });
    count(
      await this.cadreService.createMany(
        toCreate.map((c) => c.input),
        by,
        manager,
      ),
      toCreate,
      'created',
    );
    count(await this.cadreService.updateMany(toUpdate, by, manager), toUpdate, 'updated');
    return result;
  }

  /** A new record's row: complete, in a unit the caller may hire into, then written with the batch. */
  private planCreate(
    row: CadreImportRow,
    unit: UnitRef | undefined,
    identity: Identity,
  ): { row: number; input: Omit<CreateCadreInput, 'degrees' | 'familyMembers'> } | ImportProblem[] {
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
    if (refusal) return importProblemsOf(row.row, refusal);
    return {
      row: row.row,
      input: { ...withoutImportFields(row), orgUnitId: (unit as UnitRef).id } as CreateCadreInput,
    };
  }

  /** An existing record's row: in the caller's subtrees, in the same unit; its changed fields, if any. */
  private planUpdate(
    row: CadreImportRow,
    before: Cadre,
    effectiveUnitId: string | null,
    unit: UnitRef | undefined,
    identity: Identity,
  ): { row: number; id: string; input: UpdateCadreInput } | 'unchanged' | ImportProblem[] {
    // Outside the caller's subtrees the number answers as createCadre would: taken.
    if (!personnelPolicy.allows(identity, 'writeCadre', effectiveUnitId))
      return importProblemsOf(row.row, this.constraintErrors.cadre_personal_id_unique());
    if (unit && unit.id !== effectiveUnitId) {
      // A unit changes by a transfer decision (career events), never by editing the record.
      return [
        {
          row: row.row,
          field: 'orgUnitCode',
          code: 'RULE_VIOLATION',
          reason: 'UNIT_CHANGE_NEEDS_DECISION',
          message: 'The cadre belongs to another unit: a move is recorded as a career event with its decision.',
          suggestion: null,
        },
      ];
    }
    const changes = changedFields(row, before);
    return Object.keys(changes).length ? { row: row.row, id: before.id, input: changes } : 'unchanged';
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
  for (const key of OPTIONAL_TEXT_FIELDS) {
    const value = row[key];
    if (value !== undefined && (normaliseOptional(value) ?? null) !== before[key]) set(key, value);
  }
  for (const key of VALUE_FIELDS) {
    const value = row[key];
    if (value !== undefined && (value ?? null) !== (before[key] ?? null)) set(key, value);
  }
  return changes;
}
