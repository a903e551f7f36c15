import { must, Role, type Identity } from '@cadres/core';
import { importBatch, importMutation, problemKeys, useSubgraphHarness } from '@cadres/testing';
import { usePersonnelFactory, type SeededCadre } from '../../personnel/test/factories';
import { randomUUID } from 'node:crypto';
import { Enrollment } from '../src/modules/enrollment/enrollment.entity';
import { Qualification } from '../src/modules/qualification/qualification.entity';
import { QualificationKind } from '../src/modules/qualification/qualification.enums';
import type { TrainingClass } from '../src/modules/training-class/training-class.entity';
import { trainingSubgraph } from '../src/subgraph';
import { createQuota, createTrainingClass } from './factories';

// The roster's cadres are found by personal ID number in the real personnel subgraph, over HTTP.
const harness = useSubgraphHarness(trainingSubgraph, { peers: ['personnel'] });

const importRows = (rows: Record<string, unknown>[], dryRun = false, identity?: Identity) =>
  importBatch(harness, 'importClassRosters', 'ImportClassRostersInput', rows, dryRun, identity);
const IMPORT = importMutation('importClassRosters', 'ImportClassRostersInput');

type Trainee = SeededCadre;

const personnel = usePersonnelFactory();
/** A cadre of personnel (eligible for intermediate political theory), as the roster names them. */
const trainee = (): Promise<Trainee> => personnel().cadre();

const futureClass = (maxSize = 60) =>
  createTrainingClass(
    harness.subgraph.dataSource,
    { startDate: '2027-01-04', endDate: '2027-06-30', maxSize },
    { grantsKind: QualificationKind.POLITICAL_THEORY, grantsLevel: 'INTERMEDIATE' },
  );

/** A class that ended years ago: its roster records what happened. */
const endedClass = (maxSize = 60) =>
  createTrainingClass(
    harness.subgraph.dataSource,
    { startDate: '2022-03-07', endDate: '2022-09-30', maxSize },
    { grantsKind: QualificationKind.POLITICAL_THEORY, grantsLevel: 'INTERMEDIATE' },
  );

const row = (n: number, trainingClass: TrainingClass, who: Trainee, fields: Record<string, unknown> = {}) => ({
  row: n,
  classCode: trainingClass.code,
  personalIdNumber: who.personalIdNumber,
  status: 'ADMITTED',
  ...fields,
});

const enrollmentsOf = (classId: string) =>
  harness.subgraph.dataSource.getRepository(Enrollment).find({ where: { classId }, order: { status: 'ASC' } });

it('a dry run names every problem of every row by column, with the nearest class code, and writes nothing', async () => {
  const small = await futureClass(1);
  const [a, b, c, d, e] = [await trainee(), await trainee(), await trainee(), await trainee(), await trainee()];
  // Already on the roster: the same row again changes nothing.
  expect((await importRows([row(1, small, c, { status: 'NOMINATED' })])).created).toBe(1);
  const result = await importRows(
    [
      row(2, small, { ...a, personalIdNumber: '011085999999' }),
      row(3, { ...small, code: `${small.code}x` }, a),
      row(4, small, d, { status: 'COMPLETED', certificateNumber: 'TC-0001' }),
      row(5, small, a),
      row(6, small, b),
      row(7, small, a, { status: 'STUDYING' }),
      row(8, small, e, { status: 'NOMINATED', fullName: 'Người Khác' }),
      row(9, small, c, { status: 'NOMINATED', fullName: c.fullName }),
    ],
    true,
  );
  expect(result).toMatchObject({ dryRun: true, committed: false, created: 1, unchanged: 1 });
  expect(problemKeys(result)).toEqual([
    '2:personalIdNumber:UNKNOWN_CADRE',
    '3:classCode:UNKNOWN_CLASS',
    '4:resultRating:REQUIRED',
    '6:status:CLASS_FULL',
    '7:null:DUPLICATE_IN_FILE',
    '8:fullName:NAME_MISMATCH',
  ]);
  expect(result.problems.find((p) => p.reason === 'UNKNOWN_CLASS')?.suggestion).toBe(small.code);
  expect((await enrollmentsOf(small.id)).map((e) => e.cadreId)).toEqual([c.id]);
});

it('imports through nominate’s and changeEnrollmentStatus’s services, step by step; a second run changes nothing', async () => {
  const trainingClass = await futureClass();
  const [a, b] = [await trainee(), await trainee()];
  const rows = [
    row(1, trainingClass, a, { status: 'COMPLETED', resultRating: 'GOOD', certificateNumber: 'TC-2027-001' }),
    row(2, trainingClass, b, { status: 'STUDYING', fullName: b.fullName.toUpperCase() }),
  ];
  expect(await importRows(rows)).toMatchObject({ committed: true, created: 2, updated: 0, problems: [] });
  const enrolled = await enrollmentsOf(trainingClass.id);
  expect(enrolled.map((e) => [e.cadreId, e.status, e.resultRating])).toEqual([
    [a.id, 'COMPLETED', 'GOOD'],
    [b.id, 'STUDYING', null],
  ]);
  // Completing granted the qualification, once.
  const granted = () =>
    harness.subgraph.dataSource
      .getRepository(Qualification)
      .countBy({ enrollmentId: must(enrolled[0], 'one enrolled').id });
  expect(await granted()).toBe(1);

  expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
  expect(await granted()).toBe(1);
  // A later roster moves a trainee on: an update through the same transition rules.
  expect(
    await importRows([
      row(2, trainingClass, b, { status: 'COMPLETED', resultRating: 'FAIR', certificateNumber: 'TC-2' }),
    ]),
  ).toMatchObject({ committed: true, updated: 1 });
});

it('an ORGANIZER imports the trainees of their subtrees only; a VIEWER may not import', async () => {
  const trainingClass = await futureClass();
  const [mine, other] = [await trainee(), await trainee()];
  const organizer: Identity = {
    subject: `organizer-${randomUUID()}`,
    role: Role.ORGANIZER,
    agency: null,
    scopes: [],
    units: [mine.orgUnitId],
  };
  const result = await importRows([row(1, trainingClass, mine), row(2, trainingClass, other)], false, organizer);
  expect(result.committed).toBe(false);
  expect(result.problems.map((p) => `${p.row}:${p.code}:${p.reason}`)).toEqual(['2:NOT_FOUND:UNKNOWN_CADRE']);
  expect(await enrollmentsOf(trainingClass.id)).toEqual([]);
  const viewer = await harness.query(
    IMPORT,
    { input: { rows: [], dryRun: true } },
    { ...organizer, role: Role.VIEWER },
  );
  expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

describe('a roster of a class that has ended (the province’s history)', () => {
  const NOMINATE = `mutation ($input: NominateInput!) { nominate(input: $input) { enrollment { id } errors { code reason field } } }`;
  const completed = (certificate: string) => ({
    status: 'COMPLETED',
    resultRating: 'GOOD',
    certificateNumber: certificate,
  });

  it('imports its trainees with their results, dated by the class, counted against its quota; a second run changes nothing', async () => {
    const pastClass = await endedClass();
    const quota = await createQuota(harness.subgraph.dataSource, pastClass, 10);
    const [a, b, c] = [await trainee(), await trainee(), await trainee()];
    const rows = [
      row(1, pastClass, a, completed('TC-2022-001')),
      row(2, pastClass, b, { status: 'NOT_COMPLETED' }),
      row(3, pastClass, c, { status: 'WITHDRAWN' }),
    ];
    expect(await importRows(rows)).toMatchObject({ committed: true, created: 3, problems: [] });
    const enrolled = await enrollmentsOf(pastClass.id);
    expect(enrolled.map((e) => [e.cadreId, e.status, e.resultRating, e.nominatedOn, e.quotaId])).toEqual([
      [a.id, 'COMPLETED', 'GOOD', '2022-03-07', quota.id],
      [b.id, 'NOT_COMPLETED', null, '2022-03-07', quota.id],
      [c.id, 'WITHDRAWN', null, '2022-03-07', quota.id],
    ]);
    // Eligibility was worked out on the class's start and kept, not enforced: the row records what happened.
    expect(enrolled[0]?.eligibility).toMatchObject({ checkedOn: '2022-03-07', recordedFromHistory: true });
    // Completing granted the qualification once, awarded when the class ended.
    const qualifications = () => harness.subgraph.dataSource.getRepository(Qualification).findBy({ cadreId: a.id });
    expect((await qualifications()).map((q) => [q.awardedOn, q.certificateNumber])).toEqual([
      ['2022-09-30', 'TC-2022-001'],
    ]);

    expect(await importRows(rows)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
    expect(await enrollmentsOf(pastClass.id)).toHaveLength(3);
    expect(await qualifications()).toHaveLength(1);
  });

  it('keeps the class’s capacity, its quota, one place per trainee, and refuses a trainee left mid-class', async () => {
    const pastClass = await endedClass(1);
    // A quota of 1 allows one nominee (ratio 1.2, rounded down).
    await createQuota(harness.subgraph.dataSource, pastClass, 1);
    const [a, b, c] = [await trainee(), await trainee(), await trainee()];
    const result = await importRows(
      [
        row(1, pastClass, a, completed('TC-1')),
        row(2, pastClass, b, completed('TC-2')),
        row(3, pastClass, c, { status: 'STUDYING' }),
        row(4, pastClass, a, { status: 'WITHDRAWN' }),
      ],
      true,
    );
    expect(result).toMatchObject({ committed: false, created: 1 });
    expect(problemKeys(result)).toEqual([
      '2:classCode:QUOTA_EXCEEDED',
      '3:status:CLASS_OVER',
      '4:null:DUPLICATE_IN_FILE',
    ]);
    // A class no plan covers (no quota): its one seat still stops the second completion.
    const smallClass = await endedClass(1);
    const full = await importRows(
      [row(1, smallClass, a, completed('TC-1')), row(2, smallClass, b, completed('TC-2'))],
      true,
    );
    expect(problemKeys(full)).toEqual(['2:status:CLASS_FULL']);
    expect(await enrollmentsOf(smallClass.id)).toEqual([]);
    expect(await enrollmentsOf(pastClass.id)).toEqual([]);
  });

  it('is an import path only: nominate still refuses a class that is over', async () => {
    const pastClass = await endedClass();
    const a = await trainee();
    const response = await harness.query<{ nominate: { enrollment: null; errors: { reason: string }[] } }>(NOMINATE, {
      input: { cadreId: a.id, classId: pastClass.id },
    });
    expect(response.body.data?.nominate.errors.map((e) => e.reason)).toEqual(['CLASS_OVER']);
    expect(await enrollmentsOf(pastClass.id)).toEqual([]);
  });
});
