import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Title } from '../title/title.entity';
import { Appointment, Assignment } from './appointment.entity';

/** Assignments held on `:on`: started, not ended, not cancelled. */
const HELD_ON = 'a.starts_on <= :on AND (a.ends_on IS NULL OR a.ends_on > :on) AND NOT a.cancelled';

export interface PostHolding {
  id: string;
  startsOn: string;
  endsOn: string | null;
  terms: number;
}

export interface ExpiringTerm {
  appointmentId: string;
  assignmentId: string;
  termEndsOn: string;
}

export class AppointmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** appointment.findByAssignmentIds: the decisions on each assignment, oldest first. */
  findAppointmentsByAssignmentIds(assignmentIds: readonly string[]): Promise<Appointment[]> {
    return this.dataSource.getRepository(Appointment).find({
      where: { assignmentId: AnyOf(assignmentIds), cancelled: false },
      order: { effectiveOn: 'ASC', createdAt: 'ASC' },
    });
  }

  /** appointment.findTermsEnding: the current term of every held assignment, ending in [from, to]. */
  findTermsEnding(from: string, to: string): Promise<ExpiringTerm[]> {
    return this.dataSource.query(
      `SELECT "appointmentId", "assignmentId", to_char(term_ends_on, 'YYYY-MM-DD') AS "termEndsOn" FROM (
         SELECT DISTINCT ON (p.assignment_id) p.id AS "appointmentId", p.assignment_id AS "assignmentId", p.term_ends_on
           FROM appointment p JOIN assignment a ON a.id = p.assignment_id
          WHERE NOT p.cancelled AND p.term_ends_on IS NOT NULL AND ${HELD_ON.replaceAll(':on', '$1')}
          ORDER BY p.assignment_id, p.effective_on DESC, p.created_at DESC) latest
        WHERE term_ends_on BETWEEN $1 AND $2
        ORDER BY term_ends_on, "assignmentId"`,
      [from, to],
    );
  }

  /** appointment.findByIds */
  findAppointmentsByIds(ids: readonly string[]): Promise<Appointment[]> {
    return this.dataSource.getRepository(Appointment).findBy({ id: AnyOf(ids) });
  }

  /** assignment.findByIds */
  findAssignmentsByIds(ids: readonly string[]): Promise<Assignment[]> {
    return this.dataSource.getRepository(Assignment).findBy({ id: AnyOf(ids) });
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /** title.lock: serialises appointments to one title, so counting its holders stays true. */
  lockTitle(manager: EntityManager, titleId: string): Promise<Title | null> {
    return manager.getRepository(Title).findOne({ where: { id: titleId }, lock: { mode: 'pessimistic_write' } });
  }

  /** assignment.findHeld: the cadre's holding of this title in this unit on a date. */
  findHeld(
    manager: EntityManager,
    cadreId: string,
    titleId: string,
    orgUnitId: string,
    on: string,
  ): Promise<Assignment | null> {
    return manager
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .where('a.cadre_id = :cadreId AND a.title_id = :titleId AND a.org_unit_id = :orgUnitId', {
        cadreId,
        titleId,
        orgUnitId,
      })
      .andWhere(HELD_ON, { on })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** assignment.countHolders: holders of a title in a unit from a date on. */
  async countHoldersFrom(manager: EntityManager, titleId: string, orgUnitId: string, on: string): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM assignment a
        WHERE a.title_id = $1 AND a.org_unit_id = $2 AND NOT a.cancelled AND (a.ends_on IS NULL OR a.ends_on > $3)`,
      [titleId, orgUnitId, on],
    );
    return count;
  }

  /**
   * assignment.findTermsInPost: the cadre's holdings of one post (a title in a unit), newest
   * first, each with the number of terms begun on it (FIRST and REAPPOINTMENT), for the limit on
   * consecutive terms that runs across assignments.
   */
  findTermsInPost(manager: EntityManager, cadreId: string, titleId: string, orgUnitId: string): Promise<PostHolding[]> {
    return manager.query(
      `/* assignment.findTermsInPost */
       SELECT a.id, to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
              (SELECT count(*)::int FROM appointment p
                WHERE p.assignment_id = a.id AND NOT p.cancelled AND p.kind IN ('FIRST', 'REAPPOINTMENT')) AS terms
         FROM assignment a
        WHERE a.cadre_id = $1 AND a.title_id = $2 AND a.org_unit_id = $3 AND NOT a.cancelled
        ORDER BY a.starts_on DESC`,
      [cadreId, titleId, orgUnitId],
    );
  }

  /**
   * assignment.moveRetirementEnd: when a cadre's retirement date changes (a corrected birth date or
   * sex), the holdings that retirement ended, or that would now run past it, end on the new date.
   * Returns the holdings that would start on or after it, which the caller refuses.
   */
  async moveRetirementEnd(
    manager: EntityManager,
    cadreId: string,
    oldDate: string,
    newDate: string,
  ): Promise<string[]> {
    const stranded: { id: string }[] = await manager.query(
      `/* assignment.findStartingFrom */ SELECT id FROM assignment WHERE cadre_id = $1 AND NOT cancelled AND starts_on >= $2`,
      [cadreId, newDate],
    );
    if (stranded.length) return stranded.map((r) => r.id);
    await manager.query(
      `/* assignment.moveRetirementEnd */
       UPDATE assignment SET ends_on = $3
        WHERE cadre_id = $1 AND NOT cancelled AND (ends_on IS NULL OR ends_on = $2 OR ends_on > $3)`,
      [cadreId, oldDate, newDate],
    );
    // A dismissal's cancellation gives back the end it replaced: the retirement end, now moved.
    await manager.query(
      `/* appointment.movePreviousRetirementEnd */ UPDATE appointment SET previous_assignment_end = $3 WHERE cadre_id = $1 AND previous_assignment_end = $2`,
      [cadreId, oldDate, newDate],
    );
    return [];
  }

  /** appointment.findOnAssignment: its appointments, newest first. */
  findOnAssignment(manager: EntityManager, assignmentId: string): Promise<Appointment[]> {
    return manager
      .getRepository(Appointment)
      .find({ where: { assignmentId, cancelled: false }, order: { effectiveOn: 'DESC', createdAt: 'DESC' } });
  }

  insertAssignment(manager: EntityManager, assignment: Partial<Assignment>): Promise<Assignment> {
    return manager.getRepository(Assignment).save(manager.getRepository(Assignment).create(assignment));
  }

  insertAppointment(manager: EntityManager, appointment: Partial<Appointment>): Promise<Appointment> {
    return manager.getRepository(Appointment).save(manager.getRepository(Appointment).create(appointment));
  }

  /** Gives an assignment another end, and returns it as it now is. */
  async setAssignmentEnd(manager: EntityManager, assignmentId: string, endsOn: string | null): Promise<Assignment> {
    await manager.getRepository(Assignment).update(assignmentId, { endsOn });
    return manager.getRepository(Assignment).findOneByOrFail({ id: assignmentId });
  }

  /** Cancels what a decision did: its appointments, and the assignments it began. */
  async cancelByDecision(
    manager: EntityManager,
    decisionId: string,
  ): Promise<{ appointments: Appointment[]; assignments: Assignment[] }> {
    const appointments = await manager.getRepository(Appointment).find({ where: { decisionId, cancelled: false } });
    const assignments = await manager.getRepository(Assignment).find({ where: { decisionId, cancelled: false } });
    if (appointments.length)
      await manager.getRepository(Appointment).update({ decisionId, cancelled: false }, { cancelled: true });
    if (assignments.length)
      await manager.getRepository(Assignment).update({ decisionId, cancelled: false }, { cancelled: true });
    return { appointments, assignments };
  }
}
