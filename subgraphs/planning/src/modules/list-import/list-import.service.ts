import { DomainError, must } from '@cadres/core';
import {
  cadreRowProblems,
  duplicateInBatch,
  importProblem,
  importProblemsOf,
  nearestCode,
  runImportBatch,
  unknownCode,
  type ConstraintErrors,
  type ImportBatchResult,
  type ImportProblem,
  type ImportRowOutcome,
  type Transaction,
  type UnitOfWork,
} from '@cadres/subgraph-kit';
import type { CareerAssignment, ListedCadre, PersonnelClient } from '../../clients/personnel-client';
import { authorizePlannedTitleWrite, cadreInScope } from '../../policy';
import type { PlannedTitle } from '../planned-title/planned-title.entity';
import { PlanningSource, PlanningStatus, type PlanningEntry } from '../planning-entry/planning-entry.entity';
import type { PlanningEntryService, Requester } from '../planning-entry/planning-entry.service';
import type { ImportPlanningListsInput, PlanningListImportRow } from './list-import.inputs';
import type { ListImportRepository } from './list-import.repository';

export const MAX_LIST_IMPORT_ROWS = 1000;

/**
 * The statuses a list row may give, each reached as the API reaches it: a proposal
 * (addPlanningEntry); an approval (then approvePlanningEntry, with the row's decision); a removal
 * (then removePlanningEntry, with the row's decision and reason, from a proposal or an approval);
 * a realisation (realisePlanningEntry, with the row's decision, of an entry approved already: the
 * row holds one decision, and the approval has its own). EXPIRED is not importable: no rule of
 * the planning subgraph moves an entry there, so an import would be the one way to write it.
 */
const IMPORTABLE = new Set<PlanningStatus>([
  PlanningStatus.PROPOSED,
  PlanningStatus.APPROVED,
  PlanningStatus.REMOVED,
  PlanningStatus.REALISED,
]);

/** The moves a list row may make of an entry recorded already (a later list of the same term). */
const LATER_STEPS: Readonly<Partial<Record<PlanningStatus, readonly PlanningStatus[]>>> = {
  [PlanningStatus.PROPOSED]: [PlanningStatus.APPROVED, PlanningStatus.REMOVED],
  [PlanningStatus.APPROVED]: [PlanningStatus.REMOVED, PlanningStatus.REALISED],
};

/** The services' input fields as the spreadsheet's columns, for the report. */
const COLUMN_OF = { cadreId: 'personalIdNumber', plannedTitleId: 'titleCode', entryId: 'status', roundId: 'termCode' };

/** What the batch knows before its transaction: personnel's cadres and title codes. */
interface Personnel {
  cadres: Map<string, ListedCadre>;
  titles: Map<string, string>;
  /** The assignments of the cadres of realised rows (what a realisation must follow from). */
  assignments: Map<string, CareerAssignment[]>;
}

interface Lookups {
  terms: Map<string, string>;
  plannedTitles: PlannedTitle[];
  unitCodes: Map<string, string>;
  /** Entries by term, title and cadre (the row's natural key), as the rows leave them. */
  entries: Map<string, PlanningEntry>;
  seen: Map<string, number>;
}

/** An entry is one cadre's on one planned title (of a term, for a title, in a unit where planned per unit), as `planning_entry_once` keeps it. */
const entryKey = (plannedTitleId: string, cadreId: string) => `${plannedTitleId}|${cadreId}`;

/**
 * Imports a term's planning list a batch at a time. A candidacy not yet recorded goes through
 * addPlanningEntry's service (rules 14 and 15, the candidate slots), and one listed as approved
 * then through approvePlanningEntry's, with the decision the row cites. An entry already at the
 * row's status is left alone, so a second run changes nothing. The cadres and title codes are asked
 * of personnel once per batch, before the transaction; the cadre and the planned title must be
 * the caller's to plan, as for addPlanningEntry. Removal and realisation stay with the API: a
 * removal needs its reason, a realisation follows from the appointment.
 */
export class ListImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly lists: ListImportRepository,
    private readonly entries: PlanningEntryService,
    private readonly personnel: PersonnelClient,
    private readonly constraintErrors: ConstraintErrors,
  ) {}

  async importBatch(input: ImportPlanningListsInput, by: Requester): Promise<ImportBatchResult> {
    const numbers = [...new Set(input.rows.slice(0, MAX_LIST_IMPORT_ROWS).map((r) => r.personalIdNumber.trim()))];
    const cadres = new Map(
      (await this.personnel.byPersonalIds(numbers, by.requestId)).map((c) => [c.personalIdNumber, c]),
    );
    const realised = input.rows
      .slice(0, MAX_LIST_IMPORT_ROWS)
      .filter((r) => r.status === PlanningStatus.REALISED)
      .flatMap((r) => cadres.get(r.personalIdNumber.trim())?.id ?? []);
    const known: Personnel = {
      cadres,
      titles: input.rows.length ? await this.personnel.titleIdsByCode(by.requestId) : new Map(),
      // Asked before the transaction, as realisePlanningEntry asks: no lock waits on the network.
      assignments: await this.personnel.assignmentsOf([...new Set(realised)], by.requestId),
    };
    return runImportBatch({
      unitOfWork: this.unitOfWork,
      constraintErrors: this.constraintErrors,
      rows: input.rows,
      dryRun: input.dryRun,
      maxRows: MAX_LIST_IMPORT_ROWS,
      columnOf: COLUMN_OF,
      prepare: (transaction) => this.lookUp(transaction, input.rows, known, by),
      runRow: (transaction, row, lookups) => this.runRow(transaction, row, lookups, known, by),
    });
  }

  private async lookUp(
    transaction: Transaction,
    rows: PlanningListImportRow[],
    known: Personnel,
    by: Requester,
  ): Promise<Lookups> {
    const terms = new Map((await this.lists.termCodes(transaction)).map((t) => [t.code, t.id]));
    const termIds = [...new Set(rows.map((r) => terms.get(r.termCode.trim())).filter((id) => id !== undefined))];
    const plannedTitles = await this.lists.plannedTitles(transaction, termIds);
    const entries = await this.lists.entries(
      transaction,
      termIds,
      [...known.cadres.values()].map((c) => c.id),
    );
    // Units are personnel's: their codes are asked only when a row names one.
    const unitIds = [...new Set(plannedTitles.map((p) => p.orgUnitId).filter((id) => id !== null))];
    const unitCodes = rows.some((r) => r.orgUnitCode)
      ? await this.personnel.unitCodes(unitIds, by.requestId)
      : new Map<string, string>();
    return {
      terms,
      plannedTitles,
      unitCodes,
      entries: new Map(entries.map((e) => [entryKey(e.plannedTitleId, e.cadreId), e])),
      seen: new Map(),
    };
  }

  private async runRow(
    transaction: Transaction,
    row: PlanningListImportRow,
    lookups: Lookups,
    known: Personnel,
    by: Requester,
  ): Promise<ImportRowOutcome> {
    const personalId = row.personalIdNumber.trim();
    const termCode = row.termCode.trim();
    const titleCode = row.titleCode.trim();
    const unitCode = row.orgUnitCode?.trim() || null;
    const seenKey = `${termCode}|${titleCode}|${unitCode ?? ''}|${personalId}`;
    const duplicate = duplicateInBatch(lookups.seen, seenKey, row.row);
    if (duplicate.length) return duplicate;

    const cadre = known.cadres.get(personalId);
    // Outside the caller's subtrees a cadre does not exist for them (as addPlanningEntry answers).
    const inScope = !!cadre && cadreInScope(by.identity, 'writeEntry', cadre.orgUnit.id);
    const problems = cadreRowProblems(row.row, cadre, inScope, row.fullName);
    const termId = lookups.terms.get(termCode);
    if (!termId) problems.push(unknownCode(row.row, 'termCode', 'UNKNOWN_TERM', termCode, lookups.terms.keys()));
    const titleId = known.titles.get(titleCode);
    if (!titleId) problems.push(unknownCode(row.row, 'titleCode', 'UNKNOWN_TITLE', titleCode, known.titles.keys()));
    const status = row.status ?? PlanningStatus.PROPOSED;
    if (!IMPORTABLE.has(status)) {
      problems.push(
        importProblem(
          row.row,
          'status',
          'BAD_USER_INPUT',
          'STATUS_NOT_IMPORTABLE',
          'No rule of the planning moves an entry to EXPIRED: a list brings proposals, approvals, removals and realisations.',
        ),
      );
    }
    if (IMPORTABLE.has(status) && status !== PlanningStatus.PROPOSED) {
      for (const field of ['decisionNumber', 'decisionDate'] as const)
        if (!row[field]?.trim())
          problems.push(
            importProblem(row.row, field, 'BAD_USER_INPUT', 'REQUIRED', `A ${status} entry cites its decision.`),
          );
    }
    if (status === PlanningStatus.REMOVED && !row.removalReason)
      problems.push(
        importProblem(row.row, 'removalReason', 'BAD_USER_INPUT', 'REQUIRED', 'A removal gives its reason.'),
      );
    const plannedTitle =
      termId && titleId ? this.plannedTitleOf(row, termId, titleId, unitCode, lookups, problems) : null;
    if (problems.length || !cadre || !plannedTitle) return problems;
    try {
      authorizePlannedTitleWrite(by.identity, plannedTitle, 'titleCode', 'PlannedTitle');
    } catch (error) {
      if (error instanceof DomainError) return importProblemsOf(row.row, error);
      throw error;
    }

    const key = entryKey(plannedTitle.id, cadre.id);
    const existing = lookups.entries.get(key);
    if (existing?.status === status) return 'unchanged';
    if (existing && !LATER_STEPS[existing.status]?.includes(status)) {
      return [
        importProblem(
          row.row,
          'status',
          'CONFLICT',
          'STATUS_DIFFERS',
          `The cadre’s entry for this title and term is ${existing.status}; the list says ${status}.`,
        ),
      ];
    }
    if (!existing && status === PlanningStatus.REALISED) {
      return [
        importProblem(
          row.row,
          'status',
          'RULE_VIOLATION',
          'INVALID_TRANSITION',
          'An entry is realised once approved, and the approval has its own decision: import the entry as approved (with that decision) first, then the realisation.',
        ),
      ];
    }
    let entry =
      existing ??
      (await this.entries.addIn(
        transaction,
        {
          plannedTitleId: plannedTitle.id,
          cadreId: cadre.id,
          source: row.source ?? PlanningSource.INTERNAL,
          ...(row.readiness ? { readiness: row.readiness } : {}),
          ...(row.candidateRank != null ? { candidateRank: row.candidateRank } : {}),
          emergencySuccessor: false,
        },
        cadre,
      ));
    const decision = {
      entryId: entry.id,
      decisionNumber: row.decisionNumber ?? '',
      decisionDate: row.decisionDate ?? '',
    };
    if (status === PlanningStatus.APPROVED) entry = await this.entries.approve(decision, transaction);
    if (status === PlanningStatus.REMOVED)
      entry = await this.entries.remove(
        { ...decision, reason: must(row.removalReason ?? undefined, 'checked above') },
        transaction,
      );
    if (status === PlanningStatus.REALISED) {
      const assignments = (known.assignments.get(cadre.id) ?? []).filter((a) => a.title.id === entry.titleId);
      entry = await this.entries.realiseFrom(decision, entry, plannedTitle.orgUnitId, assignments, transaction);
    }
    lookups.entries.set(key, entry);
    return existing ? 'updated' : 'created';
  }

  /** The term's planned title the row means: the only one for the title, or the one of the row's unit. */
  private plannedTitleOf(
    row: PlanningListImportRow,
    termId: string,
    titleId: string,
    unitCode: string | null,
    lookups: Lookups,
    problems: ImportProblem[],
  ): PlannedTitle | null {
    const planned = lookups.plannedTitles.filter((p) => p.termId === termId && p.titleId === titleId);
    const matching = unitCode
      ? planned.filter((p) => p.orgUnitId !== null && lookups.unitCodes.get(p.orgUnitId) === unitCode)
      : planned;
    const [only, ...others] = matching;
    if (only && !others.length) return only;
    problems.push(
      matching.length
        ? importProblem(
            row.row,
            'orgUnitCode',
            'BAD_USER_INPUT',
            'REQUIRED',
            'The term plans this title in several units: name the unit.',
          )
        : importProblem(
            row.row,
            unitCode ? 'orgUnitCode' : 'titleCode',
            'NOT_FOUND',
            'TITLE_NOT_PLANNED',
            `The term does not plan this title${unitCode ? ` in the unit "${unitCode}"` : ''}.`,
            unitCode
              ? (nearestCode(
                  unitCode,
                  planned.flatMap((p) => (p.orgUnitId ? [lookups.unitCodes.get(p.orgUnitId) ?? ''] : [])),
                ) ?? null)
              : null,
          ),
    );
    return null;
  }
}
