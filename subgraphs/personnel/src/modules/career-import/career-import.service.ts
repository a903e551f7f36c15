import { today, type Identity } from '@cadres/core';
import {
  cadreRowProblems,
  duplicateInBatch,
  importProblem,
  importProblemsOf,
  runImportBatch,
  type ConstraintErrors,
  type ImportBatchResult,
  type ImportProblem,
  type ImportRowOutcome,
  type Transaction,
  type UnitOfWork,
  unknownCode,
} from '@cadres/subgraph-kit';
import {
  askPlanningFirst,
  type PlanningAnswers,
  type PlanningClient,
  type PlanningQuestion,
} from '../../clients/planning-client';
import { personnelPolicy } from '../../policy';
import { AppointmentKind } from '../appointment/appointment.entity';
import type { AppointmentService } from '../appointment/appointment.service';
import type { Cadre } from '../cadre/cadre.entity';
import type { CadreRepository } from '../cadre/cadre.repository';
import { normaliseText } from '../cadre/cadre.validation';
import type { Actor } from '../change-log/change-log.repository';
import type { Decision } from '../decision/decision.entity';
import type { DecisionRepository } from '../decision/decision.repository';
import type { DecisionService } from '../decision/decision.service';
import { MobilityKind } from '../mobility/mobility.entity';
import type { MobilityService } from '../mobility/mobility.service';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import type { TitleRepository } from '../title/title.repository';
import { CareerEventKind, type CareerEventImportRow, type ImportCareerEventsInput } from './career-import.inputs';
import type { CareerImportRepository } from './career-import.repository';

export const MAX_CAREER_IMPORT_ROWS = 1000;

const APPOINTMENT_KINDS = new Set<string>(Object.values(AppointmentKind));

/** The services' input fields as the spreadsheet's columns, for the report. */
const COLUMN_OF = {
  cadreId: 'personalIdNumber',
  titleId: 'titleCode',
  orgUnitId: 'orgUnitCode',
  toOrgUnitId: 'orgUnitCode',
  decisionId: 'decisionNumber',
  kind: 'event',
  number: 'decisionNumber',
} as const;

/** The decision fields a row repeats, compared with a registered decision of the same number. */
const DECISION_FIELDS = ['signedOn', 'effectiveOn', 'signingAuthority', 'legalBasis', 'subject'] as const;

interface Lookups {
  cadres: Map<string, Cadre>;
  unitOfCadre: Map<string, string>;
  units: Map<string, string>;
  titles: Map<string, string>;
  /** Decisions by number: registered before, or by an earlier row of the batch. */
  decisions: Map<string, Decision>;
  /** Natural keys (cadre, kind, decision) of the events recorded already. */
  recorded: Set<string>;
  /** Registered decisions the caller may not cite (they concern cadres outside their subtrees). */
  uncitable: Set<string>;
  seen: Map<string, number>;
}

const eventKey = (cadreId: string, kind: string, decisionId: string) => `${cadreId}|${kind}|${decisionId}`;

/**
 * Imports career events (appointments, rotations, transfers, secondments with their decisions) a
 * batch at a time. Each row goes through the services behind createDecision, recordAppointment and
 * recordMobility, given the batch's transaction, so the same rules (7–13), change history and
 * constraints apply, and is decided by the same access policy as those mutations: the cadre and
 * the unit in the caller's subtrees, a registered decision one they may cite. A row whose event is
 * recorded already (the cadre, the kind and the decision number) is skipped, so a second run of the
 * file changes nothing.
 */
export class CareerImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cadres: CadreRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly titles: TitleRepository,
    private readonly decisionRecords: DecisionRepository,
    private readonly decisions: DecisionService,
    private readonly appointments: AppointmentService,
    private readonly mobility: MobilityService,
    private readonly recorded: CareerImportRepository,
    private readonly planning: PlanningClient,
    private readonly constraintErrors: ConstraintErrors,
  ) {}

  async importBatch(input: ImportCareerEventsInput, identity: Identity, by: Actor): Promise<ImportBatchResult> {
    const answered = await this.askPlanningFirst(input.rows.slice(0, MAX_CAREER_IMPORT_ROWS), by);
    return runImportBatch({
      unitOfWork: this.unitOfWork,
      constraintErrors: this.constraintErrors,
      rows: input.rows,
      dryRun: input.dryRun,
      maxRows: MAX_CAREER_IMPORT_ROWS,
      columnOf: COLUMN_OF,
      prepare: (transaction) => this.lookUp(transaction, input.rows, identity),
      runRow: (transaction, row, lookups) => this.runRow(transaction, row, lookups, identity, by, answered),
    });
  }

  /**
   * Rules 8 and 11 ask planning (an approved entry for the title, the rotation pool), over HTTP: the
   * questions of every first appointment and rotation of the batch are asked here, in one request,
   * before the batch's transaction, so no row lock is held while planning answers, is slow or is
   * down (then those rows are refused PLANNING_CHECK_UNAVAILABLE and the batch writes nothing).
   * Planning is only read, never written: there is nothing to undo there whatever happens after.
   * The cadres and decisions are read in a short transaction of their own, which takes no lock.
   */
  private async askPlanningFirst(rows: CareerEventImportRow[], by: Actor): Promise<PlanningAnswers> {
    const asking = rows.filter((r) => r.event === CareerEventKind.FIRST || r.event === CareerEventKind.ROTATION);
    if (!asking.length) return askPlanningFirst(this.planning, [], by.requestId);
    const { cadres, decisions } = await this.unitOfWork(async (transaction) => ({
      cadres: new Map(
        (
          await this.cadres.findByPersonalIds(transaction, [...new Set(asking.map((r) => r.personalIdNumber.trim()))])
        ).map((c) => [c.personalIdNumber, c.id]),
      ),
      decisions: new Map(
        (
          await this.decisionRecords.findByNumbers(transaction, [
            ...new Set(asking.map((r) => normaliseText(r.decisionNumber))),
          ])
        ).map((d) => [d.number, d.effectiveOn]),
      ),
    }));
    const titles = new Map((await this.titles.findAll()).map((t) => [t.code, t.id]));
    const questions: PlanningQuestion[] = asking.flatMap((r) => {
      const cadreId = cadres.get(r.personalIdNumber.trim());
      // The date the rule is checked on: the registered decision's, else the one this row registers.
      const on = decisions.get(normaliseText(r.decisionNumber)) ?? r.effectiveOn;
      const titleId = r.event === CareerEventKind.FIRST ? titles.get(r.titleCode?.trim() ?? '') : null;
      // A row without its cadre or title is refused before the rule is reached.
      return cadreId && titleId !== undefined ? [{ cadreId, titleId, on }] : [];
    });
    return askPlanningFirst(this.planning, questions, by.requestId);
  }

  private async lookUp(transaction: Transaction, rows: CareerEventImportRow[], identity: Identity): Promise<Lookups> {
    const personalIds = [...new Set(rows.map((r) => r.personalIdNumber.trim()))];
    const numbers = [...new Set(rows.map((r) => normaliseText(r.decisionNumber)))];
    // One after another: the statements share the transaction's connection.
    const cadres = await this.cadres.findByPersonalIds(transaction, personalIds);
    const units = await this.orgUnits.codes(transaction);
    const titles = await this.titles.findAll();
    const decisions = await this.decisionRecords.findByNumbers(transaction, numbers);
    const cadreIds = cadres.map((c) => c.id);
    const decisionIds = decisions.map((d) => d.id);
    const unitsToday = cadreIds.length ? await this.cadres.findEffectiveUnitIds(cadreIds, today(), transaction) : [];
    const recorded = await this.recorded.findRecorded(transaction, decisionIds);
    const audiences =
      identity.units === null || !decisionIds.length
        ? []
        : await this.decisionRecords.findAudiences(decisionIds, today(), identity.units);
    // As decisionFor decides for citeDecision: where a cadre it concerns is, or who registered it.
    const uncitable = new Set(
      audiences
        .filter(
          (a) =>
            !personnelPolicy.allows(identity, 'citeDecision', {
              units: a.concernsAnyone ? [a.unitInScope] : [],
              registeredBy: a.registeredBy,
            }),
        )
        .map((a) => a.decisionId),
    );
    return {
      cadres: new Map(cadres.map((c) => [c.personalIdNumber, c])),
      unitOfCadre: new Map(unitsToday.map((u) => [u.cadreId, u.unitId])),
      units: new Map(units.map((u) => [u.code, u.id])),
      titles: new Map(titles.map((t) => [t.code, t.id])),
      decisions: new Map(decisions.map((d) => [d.number, d])),
      recorded: new Set(recorded.map((e) => eventKey(e.cadreId, e.kind, e.decisionId))),
      uncitable,
      seen: new Map(),
    };
  }

  private async runRow(
    transaction: Transaction,
    row: CareerEventImportRow,
    lookups: Lookups,
    identity: Identity,
    by: Actor,
    answered: PlanningAnswers,
  ): Promise<ImportRowOutcome> {
    const personalId = row.personalIdNumber.trim();
    const number = normaliseText(row.decisionNumber);
    const duplicate = duplicateInBatch(lookups.seen, `${personalId}|${row.event}|${number}`, row.row);
    if (duplicate.length) return duplicate;

    const cadre = lookups.cadres.get(personalId);
    const cadreUnit = cadre ? (lookups.unitOfCadre.get(cadre.id) ?? null) : null;
    // Outside the caller's subtrees a cadre does not exist for them (as recordAppointment answers).
    const problems = cadreRowProblems(
      row.row,
      cadre,
      personnelPolicy.allows(identity, 'writeCadre', cadreUnit),
      row.fullName,
    );
    const unitId = lookups.units.get(row.orgUnitCode.trim());
    if (!unitId) {
      problems.push(unknownCode(row.row, 'orgUnitCode', 'UNKNOWN_ORG_UNIT', row.orgUnitCode, lookups.units.keys()));
    } else {
      const refusal = personnelPolicy.refusal(identity, 'writeInUnit', unitId);
      if (refusal) problems.push(...importProblemsOf(row.row, refusal).map((p) => ({ ...p, field: 'orgUnitCode' })));
    }
    const isAppointment = APPOINTMENT_KINDS.has(row.event);
    const titleCode = row.titleCode?.trim();
    const titleId = titleCode ? lookups.titles.get(titleCode) : undefined;
    if (titleCode && !titleId) {
      problems.push(unknownCode(row.row, 'titleCode', 'UNKNOWN_TITLE', titleCode, lookups.titles.keys()));
    } else if (isAppointment && !titleCode) {
      problems.push(
        importProblem(row.row, 'titleCode', 'BAD_USER_INPUT', 'REQUIRED', 'An appointment names the title.'),
      );
    }
    const existing = lookups.decisions.get(number);
    if (existing) problems.push(...this.decisionProblems(row, existing, lookups));
    if (problems.length || !cadre || !unitId) return problems;

    if (existing && lookups.recorded.has(eventKey(cadre.id, row.event, existing.id))) return 'unchanged';
    const decision =
      existing ??
      (await this.decisions.create(
        {
          number,
          signedOn: row.signedOn,
          effectiveOn: row.effectiveOn,
          signingAuthority: row.signingAuthority,
          legalBasis: row.legalBasis,
          subject: row.subject,
        },
        by,
        transaction,
      ));
    if (isAppointment) {
      await this.appointments.record(
        {
          cadreId: cadre.id,
          kind: row.event as unknown as AppointmentKind,
          titleId: titleId as string,
          orgUnitId: unitId,
          decisionId: decision.id,
        },
        by,
        transaction,
        answered,
      );
    } else {
      await this.mobility.record(
        {
          cadreId: cadre.id,
          kind: row.event as unknown as MobilityKind,
          purpose: row.purpose ?? '',
          toOrgUnitId: unitId,
          ...(row.plannedEndOn ? { plannedEndOn: row.plannedEndOn } : {}),
          decisionId: decision.id,
        },
        by,
        transaction,
        answered,
      );
    }
    // Only once the row stands: a refused row's decision is undone with it.
    lookups.decisions.set(number, decision);
    lookups.recorded.add(eventKey(cadre.id, row.event, decision.id));
    return 'created';
  }

  /** A registered decision: the row must say what it says, and the caller must be allowed to cite it. */
  private decisionProblems(row: CareerEventImportRow, decision: Decision, lookups: Lookups): ImportProblem[] {
    if (lookups.uncitable.has(decision.id)) {
      // One the caller cannot see is refused as one that does not exist, as recordAppointment does.
      return [
        importProblem(
          row.row,
          'decisionNumber',
          'CONFLICT',
          'DUPLICATE_DECISION_NUMBER',
          'Another decision outside your units has this number.',
        ),
      ];
    }
    if (decision.cancelledAt) {
      return [
        importProblem(
          row.row,
          'decisionNumber',
          'RULE_VIOLATION',
          'DECISION_CANCELLED',
          `Decision ${decision.number} was cancelled.`,
        ),
      ];
    }
    return DECISION_FIELDS.filter((field) => {
      const value = row[field];
      return (field === 'signedOn' || field === 'effectiveOn' ? value : normaliseText(value)) !== decision[field];
    }).map((field) =>
      importProblem(
        row.row,
        field,
        'CONFLICT',
        'DECISION_MISMATCH',
        `Decision ${decision.number} is registered with ${field} "${decision[field]}".`,
        decision[field],
      ),
    );
  }
}
