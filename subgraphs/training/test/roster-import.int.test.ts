import { must, Role, type Identity } from '@cadres/core';
import { importBatch, importMutation, problemKeys, useSubgraphHarness } from '@cadres/testing';
import { usePersonnelFactory, type SeededCadre } from '../../personnel/test/factories';
import { randomUUID } from 'node:crypto';
import { Enrollment } from '../src/modules/enrollment/enrollment.entity';
import { Qualification } from '../src/modules/qualification/qualification.entity';
import { QualificationKind } from '../src/modules/qualification/qualification.enums';
import type { TrainingClass } from '../src/modules/training-class/training-class.entity';
import { trainingSubgraph } from '../src/subgraph';
import { createTrainingClass } from './factories';

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
