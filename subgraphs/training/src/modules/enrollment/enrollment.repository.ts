import {
  AnyOf,
  lockRecord,
  recordAfterUpdate,
  sendTogether,
  updateByIdWrite,
  type LockedRecord,
  type Write,
} from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Quota } from '../plan/plan.entity';
import { Enrollment } from './enrollment.entity';
import { StudyCommitment } from './study-commitment.entity';

export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** enrollment.findByCadreIds: every enrollment of many cadres, each in class start order. */
  findByCadreIds(cadreIds: readonly string[]): Promise<Enrollment[]> {
    return this.dataSource
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .innerJoin('training_class', 'c', 'c.id = e.class_id')
      .where({ cadreId: AnyOf(cadreIds) })
      .orderBy('c.start_date')
      .addOrderBy('e.id')
      .getMany();
  }

  /** enrollment.findById */
  findById(id: string): Promise<Enrollment | null> {
    return this.dataSource.getRepository(Enrollment).findOneBy({ id });
  }

  /** study-commitment.findByEnrollmentIds */
  findCommitments(enrollmentIds: readonly string[]): Promise<StudyCommitment[]> {
    return this.dataSource.getRepository(StudyCommitment).findBy({ enrollmentId: AnyOf(enrollmentIds) });
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /**
   * quota.covering: the quotas that plans for `year` set for a programme in a mode, whatever their
   * unit (the service picks the nominee's). A class is covered by the plans of the year it opens.
   */
  coveringQuotas(manager: EntityManager, year: number, programmeId: string, mode: string): Promise<Quota[]> {
    return manager
      .getRepository(Quota)
      .createQueryBuilder('q')
      .innerJoin('training_plan', 'p', 'p.id = q.plan_id')
      .where('p.year = :year AND q.programme_id = :programmeId AND q.mode = :mode', { year, programmeId, mode })
      .orderBy('q.id')
      .getMany();
  }

  /** A quota a nomination cites, read without a lock (the applicable one is locked after it is chosen). */
  findQuota(manager: EntityManager, id: string): Promise<Quota | null> {
    return manager.getRepository(Quota).findOneBy({ id });
  }

  /** enrollment.byId inside a transaction (the row is known to exist: its commitment was just locked). */
  byId(manager: EntityManager, id: string): Promise<Enrollment> {
    return manager.getRepository(Enrollment).findOneByOrFail({ id });
  }

  /** quota.lock: nominations to one quota queue up, so counting them stays true. */
  lockQuota(manager: EntityManager, id: string): Promise<Quota | null> {
    return manager.getRepository(Quota).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** enrollment.countNominees: everyone nominated under a quota and not withdrawn. */
  countNominees(manager: EntityManager, quotaId: string): Promise<number> {
    return manager
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .where("e.quota_id = :quotaId AND e.status <> 'WITHDRAWN'", { quotaId })
      .getCount();
  }

  lock(manager: EntityManager, id: string): Promise<Enrollment | null> {
    return manager.getRepository(Enrollment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, enrollment: Partial<Enrollment>): Promise<Enrollment> {
    return manager.getRepository(Enrollment).save(manager.getRepository(Enrollment).create(enrollment));
  }

  /**
   * enrollment.lockForChange: locked as `lock` locks it, with the transaction's timestamp, so that
   * `changeLocked` knows the enrollment it leaves without reading it back.
   */
  lockForChange(manager: EntityManager, id: string): Promise<LockedRecord<Enrollment> | null> {
    return lockRecord(manager, Enrollment, id);
  }

  /**
   * enrollment.changeLocked: the changed fields and updated_at written in one statement with
   * `along` (the mutation's audit row, given the enrollment after); answers the enrollment after.
   */
  async changeLocked(
    manager: EntityManager,
    locked: LockedRecord<Enrollment>,
    changes: Partial<Enrollment>,
    along: (after: Enrollment) => Write | undefined,
  ): Promise<Enrollment> {
    const after = recordAfterUpdate(manager, Enrollment, locked, changes);
    await sendTogether(manager, [updateByIdWrite(manager, Enrollment, locked.record.id, changes), along(after)]);
    return after;
  }

  async update(manager: EntityManager, id: string, changes: Partial<Enrollment>): Promise<Enrollment> {
    await manager.getRepository(Enrollment).update(id, changes);
    return manager.getRepository(Enrollment).findOneByOrFail({ id });
  }

  insertCommitment(manager: EntityManager, commitment: Partial<StudyCommitment>): Promise<StudyCommitment> {
    return manager.getRepository(StudyCommitment).save(manager.getRepository(StudyCommitment).create(commitment));
  }

  lockCommitment(manager: EntityManager, enrollmentId: string): Promise<StudyCommitment | null> {
    return manager
      .getRepository(StudyCommitment)
      .findOne({ where: { enrollmentId }, lock: { mode: 'pessimistic_write' } });
  }

  async markCommitmentBroken(
    manager: EntityManager,
    id: string,
    brokenOn: string,
    compensation: number,
  ): Promise<StudyCommitment> {
    await manager.getRepository(StudyCommitment).update(id, { brokenOn, compensation: String(compensation) });
    return manager.getRepository(StudyCommitment).findOneByOrFail({ id });
  }
}
