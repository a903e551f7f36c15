import {
  cadreRowProblems,
  duplicateInBatch,
  importProblem,
  runImportBatch,
  unknownCode,
  type ConstraintErrors,
  type ImportBatchResult,
  type ImportRowOutcome,
  type Transaction,
  type UnitOfWork,
} from '@cadres/subgraph-kit';
import type { PersonnelClient, RosterCadre } from '../../clients/personnel-client';
import { cadreInScope } from '../../policy';
import { EnrollmentStatus, type Enrollment } from '../enrollment/enrollment.entity';
import { statusPath } from '../enrollment/enrollment.rules';
import type { EnrollmentService, Requester } from '../enrollment/enrollment.service';
import type { ClassRosterImportRow, ImportClassRostersInput } from './roster-import.inputs';
import type { RosterImportRepository } from './roster-import.repository';

export const MAX_ROSTER_IMPORT_ROWS = 1000;

/** The services' input fields as the spreadsheet's columns, for the report. */
const COLUMN_OF = { cadreId: 'personalIdNumber', classId: 'classCode', enrollmentId: 'status', quotaId: 'classCode' };

/**
 * What a trainee of a class that has ended can be left at: an outcome (or deferred to a later
 * class). Nominated, admitted or studying in a class that is over is a mistake in the roster.
 */
const OUTCOMES = new Set<EnrollmentStatus>([
  EnrollmentStatus.COMPLETED,
  EnrollmentStatus.NOT_COMPLETED,
  EnrollmentStatus.WITHDRAWN,
  EnrollmentStatus.DEFERRED,
]);

interface Lookups {
  classes: Map<string, { id: string; endDate: string }>;
  /** Enrollments by class and cadre, as they stand (updated as rows move them on). */
  enrollments: Map<string, Enrollment>;
  seen: Map<string, number>;
}

const enrollmentKey = (classId: string, cadreId: string) => `${classId}|${cadreId}`;

/**
 * Imports class rosters with results a batch at a time. A trainee not yet in the class is
 * nominated through nominate's service (eligibility, quota, the class not over), or, in a class
 * that has ended, recorded through recordPastNominationIn (the province's history), then every
 * trainee is moved to the row's status one lawful step at a time through changeEnrollmentStatus's
 * (seats on admission, the result and certificate on completion, the qualification granted once).
 * An enrollment already at the row's status and result is left alone, so a second run changes
 * nothing. The cadres are asked of personnel by personal ID number, once per batch and before the
 * transaction (no lock waits on the network), and must lie in the caller's subtrees.
 */
export class RosterImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rosters: RosterImportRepository,
    private readonly enrollments: EnrollmentService,
    private readonly personnel: PersonnelClient,
    private readonly constraintErrors: ConstraintErrors,
    private readonly today: () => string,
  ) {}

  async importBatch(input: ImportClassRostersInput, by: Requester): Promise<ImportBatchResult> {
    const numbers = [...new Set(input.rows.slice(0, MAX_ROSTER_IMPORT_ROWS).map((r) => r.personalIdNumber.trim()))];
    const cadres = new Map(
      (await this.personnel.byPersonalIds(numbers, by.requestId)).map((c) => [c.personalIdNumber, c]),
    );
    return runImportBatch({
      unitOfWork: this.unitOfWork,
      constraintErrors: this.constraintErrors,
      rows: input.rows,
      dryRun: input.dryRun,
      maxRows: MAX_ROSTER_IMPORT_ROWS,
      columnOf: COLUMN_OF,
      prepare: (transaction) => this.lookUp(transaction, input.rows, cadres),
      runRow: (transaction, row, lookups) => this.runRow(transaction, row, lookups, cadres, by),
    });
  }

  private async lookUp(
    transaction: Transaction,
    rows: ClassRosterImportRow[],
    cadres: Map<string, RosterCadre>,
  ): Promise<Lookups> {
    const classes = new Map((await this.rosters.classCodes(transaction)).map((c) => [c.code, c]));
    const classIds = [
      ...new Set(rows.map((r) => classes.get(r.classCode.trim())?.id).filter((id) => id !== undefined)),
    ];
    const existing = await this.rosters.findEnrollments(
      transaction,
      classIds,
      [...cadres.values()].map((c) => c.id),
    );
    return {
      classes,
      enrollments: new Map(existing.map((e) => [enrollmentKey(e.classId, e.cadreId), e])),
      seen: new Map(),
    };
  }

  private async runRow(
    transaction: Transaction,
    row: ClassRosterImportRow,
    lookups: Lookups,
    cadres: Map<string, RosterCadre>,
    by: Requester,
  ): Promise<ImportRowOutcome> {
    const personalId = row.personalIdNumber.trim();
    const classCode = row.classCode.trim();
    const duplicate = duplicateInBatch(lookups.seen, `${classCode}|${personalId}`, row.row);
    if (duplicate.length) return duplicate;

    const cadre = cadres.get(personalId);
    // Outside the caller's subtrees a cadre does not exist for them (as nominate answers).
    const inScope = !!cadre && cadreInScope(by.identity, 'writeCadreTraining', cadre.orgUnit.id);
    const problems = cadreRowProblems(row.row, cadre, inScope, row.fullName);
    const trainingClass = lookups.classes.get(classCode);
    if (!trainingClass)
      problems.push(unknownCode(row.row, 'classCode', 'UNKNOWN_CLASS', classCode, lookups.classes.keys()));
    if (problems.length || !cadre || !trainingClass) return problems;
    const classId = trainingClass.id;
    const ended = trainingClass.endDate < this.today();

    const key = enrollmentKey(classId, cadre.id);
    const existing = lookups.enrollments.get(key);
    const certificateNumber = row.certificateNumber?.trim() || null;
    if (
      existing &&
      existing.status === row.status &&
      (existing.resultRating ?? null) === (row.resultRating ?? null) &&
      (existing.certificateNumber ?? null) === certificateNumber
    )
      return 'unchanged';
    if (!existing && ended && !OUTCOMES.has(row.status))
      return [
        importProblem(
          row.row,
          'status',
          'RULE_VIOLATION',
          'CLASS_OVER',
          `The class ended on ${trainingClass.endDate}: its roster records each trainee's outcome (completed, not completed, withdrawn or deferred), not ${row.status}.`,
        ),
      ];
    // A class that has ended takes its trainees from the roster of what happened, not by nominate,
    // which refuses it (CLASS_OVER): see recordPastNominationIn for the rules that still apply.
    const nomination = { cadreId: cadre.id, classId };
    let enrollment =
      existing ??
      (ended
        ? await this.enrollments.recordPastNominationIn(transaction, nomination, cadre, by)
        : await this.enrollments.nominateIn(transaction, nomination, cadre, by));
    // A status the enrollment cannot reach is put to the service as one step, for its own refusal.
    const steps = statusPath(enrollment.status, row.status) ?? [row.status];
    for (const status of steps) {
      const completing = status === EnrollmentStatus.COMPLETED;
      enrollment = await this.enrollments.changeStatus(
        {
          enrollmentId: enrollment.id,
          status,
          ...(completing || status === row.status
            ? {
                ...(row.resultRating ? { resultRating: row.resultRating } : {}),
                ...(certificateNumber ? { certificateNumber } : {}),
              }
            : {}),
        },
        transaction,
      );
    }
    lookups.enrollments.set(key, enrollment);
    return existing ? 'updated' : 'created';
  }
}
