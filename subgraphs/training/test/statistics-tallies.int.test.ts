/**
 * Issue 15, statistics at national scale: the enrollment tallies a trigger keeps (migration
 * StatisticsTallies, ClassSizeTally, CompletionTally) must equal a full recount after any mix of writes, made concurrently. The
 * recount is the SQL the statistics ran before the tallies, kept here.
 */
import { must, Role, SeededRandom, type Identity } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EnrollmentStatus } from '../src/modules/enrollment/enrollment.entity';
import { TrainingMode, type TrainingClass } from '../src/modules/training-class/training-class.entity';
import { trainingSubgraph } from '../src/subgraph';
import { createQuota, createTrainingClass, enroll } from './factories';

const harness = useSubgraphHarness(trainingSubgraph);

const db = () => harness.subgraph.dataSource;
const viewer = (units: string[]): Identity => ({
  subject: 'test:viewer',
  role: Role.VIEWER,
  agency: null,
  scopes: [],
  units,
});

/** The statistics' SQL before the tallies: a count over every enrollment (`$2`/`$1`: the caller's units, null for all). */
const RECOUNT_QUOTA_FULFILMENT = `
  SELECT p.code AS "planCode", q.org_unit_id AS "orgUnitId", q.quota,
         count(e.id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS nominated,
         count(e.id) FILTER (WHERE holds_seat(e.status))::int AS sent
    FROM quota q JOIN training_plan p ON p.id = q.plan_id
    LEFT JOIN enrollment e ON e.quota_id = q.id AND ($2::uuid[] IS NULL OR e.org_unit_id = ANY($2::uuid[]))
   WHERE p.code = ANY($1) AND ($2::uuid[] IS NULL OR q.org_unit_id IS NULL OR q.org_unit_id = ANY($2::uuid[]))
   GROUP BY q.id, p.code ORDER BY p.code`;
const RECOUNT_COMPLETION = `
  SELECT pr.code AS "programmeCode",
         count(*) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
         count(*) FILTER (WHERE e.status = 'NOT_COMPLETED')::int AS "notCompleted",
         count(*) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn
    FROM enrollment e JOIN training_class c ON c.id = e.class_id JOIN programme pr ON pr.id = c.programme_id
   WHERE pr.code = ANY($1) AND ($2::uuid[] IS NULL OR e.org_unit_id = ANY($2::uuid[]))
   GROUP BY pr.code ORDER BY pr.code`;
const RECOUNT_PROVINCE_CLASS_SIZES = `
  SELECT pr.code AS "programmeCode", c.mode, count(*)::int AS classes, sum(c.seats_taken)::int AS trainees,
         round(avg(c.seats_taken), 1)::float AS "averageSize", max(c.seats_taken)::int AS "largestClass"
    FROM training_class c JOIN programme pr ON pr.id = c.programme_id
   WHERE pr.code = ANY($1) GROUP BY pr.code, c.mode ORDER BY pr.code, c.mode`;
const RECOUNT_CLASS_SIZES = `
  SELECT pr.code AS "programmeCode", c.mode, count(DISTINCT e.class_id)::int AS classes, count(*)::int AS trainees
    FROM enrollment e JOIN training_class c ON c.id = e.class_id JOIN programme pr ON pr.id = c.programme_id
   WHERE pr.code = ANY($1) AND e.org_unit_id = ANY($2::uuid[]) AND holds_seat(e.status)
   GROUP BY pr.code, c.mode ORDER BY pr.code, c.mode`;

const STATISTICS = `{
  quotaFulfilment { planCode orgUnitId quota nominated sent }
  completionRates { programmeCode completed notCompleted withdrawn }
  classSizeStatistics { programmeCode mode classes trainees averageSize largestClass }
}`;
interface Figures {
  quotaFulfilment: { planCode: string; orgUnitId: string | null; quota: number; nominated: number; sent: number }[];
  completionRates: { programmeCode: string; completed: number; notCompleted: number; withdrawn: number }[];
  classSizeStatistics: {
    programmeCode: string;
    mode: string;
    classes: number;
    trainees: number;
    averageSize?: number;
    largestClass?: number;
  }[];
}

const STATUSES = Object.values(EnrollmentStatus);

describe('the enrollment tallies behind the training statistics', () => {
  // Found by a CI rehearsal (1 run in 6) before migration CompletionTallyClassLocks: a class move
  // raced an enrollment write that holds no seat, and the completion tally's old group went to -1.
  it('equal a full recount after a seeded random mix of concurrent nominations, status changes, moves and cancellations', async () => {
    const random = new SeededRandom(15);
    const pick = <T>(items: T[]): T => random.pick(items);
    const units = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const classes: TrainingClass[] = [];
    const classAt = (index: number) => must(classes[index], 'a class made above');
    for (const mode of [TrainingMode.CONCENTRATED, TrainingMode.NON_CONCENTRATED, TrainingMode.ONLINE]) {
      classes.push(await createTrainingClass(db(), { mode, maxSize: 10_000 }));
    }
    // Classes of one programme, mode and provider, two starting the same day, as the class-size
    // tally groups them.
    for (const startDate of ['2022-03-07', '2022-03-07', '2022-09-05']) {
      const [row] = await db().query(
        `INSERT INTO training_class (code, programme_id, provider_id, mode, place, start_date, end_date, max_size)
         SELECT $2, programme_id, provider_id, mode, place, $3, end_date + 200, 10000 FROM training_class WHERE id = $1 RETURNING id`,
        [classAt(0).id, `T-${randomUUID().slice(0, 8)}`, startDate],
      );
      classes.push({ ...classAt(0), id: row.id, startDate });
    }
    const firstQuota = await createQuota(db(), classAt(0), 20);
    const quotas = [
      firstQuota,
      await createQuota(db(), classAt(1), 20, units[0]),
      await createQuota(db(), classAt(2), 20, units[1]),
      firstQuota,
      firstQuota,
      firstQuota,
    ];
    const [programmes] = [
      await db().query(`SELECT code FROM programme WHERE id = ANY($1) ORDER BY code`, [
        classes.map((c) => c.programmeId),
      ]),
    ];
    const programmeCodes = (programmes as { code: string }[]).map((p) => p.code);
    const [plans] = [
      await db().query(`SELECT p.code FROM training_plan p JOIN quota q ON q.plan_id = p.id WHERE q.id = ANY($1)`, [
        quotas.map((q) => q.id),
      ]),
    ];
    const planCodes = (plans as { code: string }[]).map((p) => p.code);
    const classIds = classes.map((c) => c.id);
    const enrollmentIds: string[] = [];

    /** One write as users make them, chosen by the seeded random; each in its own transaction. */
    const write = async (): Promise<void> => {
      const r = random.next();
      const someone = enrollmentIds.length ? pick(enrollmentIds) : null;
      if (r < 0.4 || !someone) {
        const index = Math.floor(random.next() * classes.length);
        const [row] = await db().query(
          `INSERT INTO enrollment (cadre_id, class_id, status, quota_id, org_unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [
            randomUUID(),
            classIds[index],
            pick(STATUSES),
            random.next() < 0.8 ? quotas[index]?.id : null,
            random.next() < 0.9 ? pick(units) : null,
          ],
        );
        enrollmentIds.push(row.id);
      } else if (r < 0.75) {
        await db().query(`UPDATE enrollment SET status = $2 WHERE id = $1`, [someone, pick(STATUSES)]);
      } else if (r < 0.85) {
        await db().query(`UPDATE enrollment SET status = 'WITHDRAWN' WHERE id = $1`, [someone]);
      } else if (r < 0.9) {
        await db().query(`UPDATE enrollment SET org_unit_id = $2 WHERE id = $1`, [someone, pick(units)]);
      } else if (r < 0.93) {
        const index = Math.floor(random.next() * classes.length);
        await db().query(`UPDATE enrollment SET class_id = $2, quota_id = $3 WHERE id = $1`, [
          someone,
          classIds[index],
          quotas[index]?.id,
        ]);
      } else if (r < 0.96) {
        await db().query(`DELETE FROM enrollment WHERE id = $1`, [someone]);
      } else if (r < 0.98) {
        // The organizer moves a class to another start date (another group of the class-size tally).
        await db().query(`UPDATE training_class SET start_date = $2 WHERE id = $1`, [
          classIds[3 + Math.floor(random.next() * 3)],
          pick(['2022-03-07', '2022-09-05', '2022-04-04']),
        ]);
      } else {
        // ... or to another end date and programme (another group of the completion tally).
        await db().query(`UPDATE training_class SET end_date = end_date + $2::int, programme_id = $3 WHERE id = $1`, [
          pick(classIds),
          Math.floor(random.next() * 60) - 30,
          pick(classes).programmeId,
        ]);
      }
    };
    /** A write the database aborted as one of two waiting on each other is run again, as the services' transactions do. */
    const writeRetryingDeadlocks = async (): Promise<void> => {
      for (;;) {
        try {
          return await write();
        } catch (error) {
          if ((error as { driverError?: { code?: string } }).driverError?.code !== '40P01') throw error;
        }
      }
    };
    // Eight at a time on separate connections, so the trigger's upserts meet on the same tally rows.
    for (let round = 0; round < 50; round++)
      await Promise.all(Array.from({ length: 8 }, () => writeRetryingDeadlocks()));
    // A transaction that rolls back leaves the tallies as they were.
    await db()
      .transaction(async (manager) => {
        await manager.query(`UPDATE enrollment SET status = 'COMPLETED' WHERE class_id = ANY($1)`, [classIds]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    const tallied = await db().query(
      `SELECT class_id, quota_id, org_unit_id, status, enrollments FROM enrollment_unit_tally
        WHERE class_id = ANY($1) AND enrollments > 0 ORDER BY 1, 2, 3, 4`,
      [classIds],
    );
    const recounted = await db().query(
      `SELECT class_id, quota_id, org_unit_id, status, count(*)::int AS enrollments FROM enrollment
        WHERE class_id = ANY($1) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [classIds],
    );
    expect(recounted.length).toBeGreaterThan(20);
    expect(tallied).toEqual(recounted);
    const province = await db().query(
      `SELECT class_id, quota_id, status, enrollments FROM enrollment_tally WHERE class_id = ANY($1) AND enrollments > 0 ORDER BY 1, 2, 3`,
      [classIds],
    );
    const provinceRecounted = await db().query(
      `SELECT class_id, quota_id, status, count(*)::int AS enrollments FROM enrollment WHERE class_id = ANY($1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [classIds],
    );
    expect(province).toEqual(provinceRecounted);
    const completion = await db().query(
      `SELECT programme_id, end_date, status, enrollments FROM completion_tally
        WHERE programme_id = ANY($1) AND enrollments <> 0 ORDER BY 1, 2, 3`,
      [classes.map((c) => c.programmeId)],
    );
    const completionRecounted = await db().query(
      `SELECT c.programme_id, c.end_date, e.status, count(*)::int AS enrollments FROM enrollment e JOIN training_class c ON c.id = e.class_id
        WHERE c.programme_id = ANY($1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [classes.map((c) => c.programmeId)],
    );
    expect(completion).toEqual(completionRecounted);

    // The statistics, for ADMIN and for a caller scoped to two units, equal the recount.
    for (const [identity, scope] of [
      [undefined, null],
      [viewer(units.slice(0, 2)), units.slice(0, 2)],
    ] as const) {
      const result = await harness.query<Figures>(STATISTICS, {}, identity);
      expect(result.body.errors).toBeUndefined();
      const figures = result.body.data!;
      expect(
        figures.quotaFulfilment
          .filter((q) => planCodes.includes(q.planCode))
          .sort((a, b) => a.planCode.localeCompare(b.planCode)),
      ).toEqual(await db().query(RECOUNT_QUOTA_FULFILMENT, [planCodes, scope]));
      expect(figures.completionRates.filter((c) => programmeCodes.includes(c.programmeCode))).toEqual(
        await db().query(RECOUNT_COMPLETION, [programmeCodes, scope]),
      );
      const sizes = figures.classSizeStatistics.filter((c) => programmeCodes.includes(c.programmeCode));
      if (scope)
        expect(
          sizes.map(({ programmeCode, mode, classes, trainees }) => ({ programmeCode, mode, classes, trainees })),
        ).toEqual(await db().query(RECOUNT_CLASS_SIZES, [programmeCodes, scope]));
      else expect(sizes).toEqual(await db().query(RECOUNT_PROVINCE_CLASS_SIZES, [programmeCodes]));
    }
  }, 60_000);

  describe('hold when a class move and an enrollment write overlap, in either order', () => {
    /** The completion tally of the class's programmes against a recount of their enrollments. */
    const expectCompletionTallyRecounted = async (programmeIds: string[]): Promise<void> => {
      const [tallied, recounted] = await Promise.all([
        db().query(
          `SELECT programme_id, end_date, status, enrollments FROM completion_tally
            WHERE programme_id = ANY($1) AND enrollments <> 0 ORDER BY 1, 2, 3`,
          [programmeIds],
        ),
        db().query(
          `SELECT c.programme_id, c.end_date, e.status, count(*)::int AS enrollments
             FROM enrollment e JOIN training_class c ON c.id = e.class_id
            WHERE c.programme_id = ANY($1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          [programmeIds],
        ),
      ]);
      expect(tallied).toEqual(recounted);
    };
    /** A transaction on its own connection, left open until the test commits it. */
    const openTransaction = async () => {
      const runner = db().createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      return {
        query: (sql: string, parameters: unknown[]) => runner.query(sql, parameters) as Promise<unknown>,
        commit: async () => {
          await runner.commitTransaction();
          await runner.release();
        },
      };
    };
    /**
     * Resolves once a statement of this database containing `fragment` waits on a lock (as
     * PostgreSQL reports it), or once `settled` settles: a statement that needed no lock.
     */
    const untilWaitingOnLock = async (fragment: string, settled?: Promise<unknown>): Promise<void> => {
      let done = false;
      const finish = () => (done = true);
      settled?.then(finish, finish);
      for (const deadline = Date.now() + 30_000; !done; await sleep(10)) {
        const waiting = await db().query(
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
              AND position($1 in query) > 0`,
          [fragment],
        );
        if (waiting.length > 0) return;
        if (Date.now() > deadline) throw new Error(`no statement with "${fragment}" came to wait on a lock`);
      }
    };

    const WRITES = [
      // DEFERRED holds no seat, so the write takes no row lock on its class: the case that raced.
      ['a nomination that holds no seat', EnrollmentStatus.DEFERRED],
      ['a nomination that holds a seat', EnrollmentStatus.ADMITTED],
    ] as const;
    for (const [write, status] of WRITES) {
      it(`${write}, written while the move is uncommitted: it waits and counts in the new group`, async () => {
        const moved = await createTrainingClass(db(), { maxSize: 100 });
        const target = await createTrainingClass(db());
        await enroll(db(), [randomUUID(), randomUUID()], [moved], EnrollmentStatus.COMPLETED);
        const move = await openTransaction();
        await move.query(`UPDATE training_class SET programme_id = $2, end_date = end_date + 10 WHERE id = $1`, [
          moved.id,
          target.programmeId,
        ]);
        const writer = await openTransaction();
        const nomination = writer.query(`INSERT INTO enrollment (cadre_id, class_id, status) VALUES ($1, $2, $3)`, [
          randomUUID(),
          moved.id,
          status,
        ]);
        await untilWaitingOnLock('INSERT INTO enrollment');
        await move.commit();
        await nomination;
        await writer.commit();
        await expectCompletionTallyRecounted([moved.programmeId, target.programmeId]);
      });

      it(`${write}, uncommitted when the class moves: the move waits and carries it to the new group`, async () => {
        const moved = await createTrainingClass(db(), { maxSize: 100 });
        const target = await createTrainingClass(db());
        await enroll(db(), [randomUUID()], [moved], EnrollmentStatus.COMPLETED);
        const writer = await openTransaction();
        await writer.query(`INSERT INTO enrollment (cadre_id, class_id, status) VALUES ($1, $2, $3)`, [
          randomUUID(),
          moved.id,
          status,
        ]);
        const move = await openTransaction();
        const moving = move.query(
          `UPDATE training_class SET programme_id = $2, end_date = end_date - 5 WHERE id = $1`,
          [moved.id, target.programmeId],
        );
        await untilWaitingOnLock('UPDATE training_class');
        await writer.commit();
        await moving;
        await move.commit();
        await expectCompletionTallyRecounted([moved.programmeId, target.programmeId]);
      });

      it(`${write}, written between a move's UPDATE and its trigger: counted once, in the new group`, async () => {
        const moved = await createTrainingClass(db(), { maxSize: 100 });
        const target = await createTrainingClass(db());
        await enroll(db(), [randomUUID()], [moved], EnrollmentStatus.COMPLETED);
        // AFTER triggers run when the whole statement ends, so a lock the test holds, taken in the
        // same statement, keeps the move between its UPDATE and its trigger: the window the race
        // was in, held open until the write has been made (or is waiting for the move's row lock).
        const windowKey = Math.floor(Math.random() * 2 ** 31);
        const holder = await openTransaction();
        await holder.query(`SELECT pg_advisory_xact_lock($1)`, [windowKey]);
        const moving = db().query(
          `WITH moved AS (UPDATE training_class SET programme_id = $2, end_date = end_date + 3 WHERE id = $1 RETURNING id)
           SELECT pg_advisory_xact_lock($3) FROM moved`,
          [moved.id, target.programmeId, windowKey],
        );
        await untilWaitingOnLock('WITH moved AS');
        const writing = db().query(`INSERT INTO enrollment (cadre_id, class_id, status) VALUES ($1, $2, $3)`, [
          randomUUID(),
          moved.id,
          status,
        ]);
        await untilWaitingOnLock('INSERT INTO enrollment', writing);
        await holder.commit();
        await Promise.all([moving, writing]);
        await expectCompletionTallyRecounted([moved.programmeId, target.programmeId]);
      });
    }
  });
});
