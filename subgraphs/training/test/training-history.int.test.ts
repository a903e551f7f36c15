import { representations, useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Enrollment, EnrollmentStatus } from '../src/modules/enrollment/enrollment.entity';
import { TrainingClass } from '../src/modules/training-class/training-class.entity';
import { trainingSubgraph } from '../src/subgraph';
import { createTrainingClass, enroll } from './factories';

const harness = useSubgraphHarness(trainingSubgraph);

const HISTORY = `query ($refs: [_Any!]!) {
  _entities(representations: $refs) {
    ... on Cadre {
      id politicalTheoryLevel defenceSecurityTrained qualifications { kind level }
      trainingHistory { status mode resultRating programme { name } provider { name } class { code startDate provider { name } } studyCommitment { serviceMonths } }
    }
  }
}`;

interface HistoryData {
  _entities: { id: string; trainingHistory: { status: string; mode: string; class: { code: string } }[] }[];
}

describe('Cadre.trainingHistory', () => {
  it('costs the same SQL statements for 100 cadres as for 10', async () => {
    const classes = [
      await createTrainingClass(harness.subgraph.dataSource, { maxSize: 200 }),
      await createTrainingClass(harness.subgraph.dataSource, {
        startDate: '2023-01-09',
        endDate: '2023-02-10',
        maxSize: 200,
      }),
    ];
    const cadreIds = Array.from({ length: 100 }, () => randomUUID());
    await enroll(harness.subgraph.dataSource, cadreIds, classes);

    const { few, many } = await harness.measureFewAndMany<HistoryData>(HISTORY, (n) => ({
      refs: representations('Cadre', cadreIds.slice(0, n)),
    }));

    expect(many.body.errors).toBeUndefined();
    const histories = many.body.data!._entities;
    expect(histories.map((c) => c.id)).toEqual(cadreIds);
    // Each history in class start order, with the mode of its class.
    for (const cadre of histories) {
      expect(cadre.trainingHistory.map((e) => e.class.code)).toEqual(classes.map((c) => c.code));
      expect(cadre.trainingHistory.every((e) => e.mode === 'CONCENTRATED' && e.status === 'COMPLETED')).toBe(true);
    }
    // Enrollments, classes, commitments, qualifications: one statement each, whatever the number of
    // cadres; programmes and providers come from memory (reference tables).
    expect(many.sqlStatements).toBe(4);
    expect(few.sqlStatements).toBe(many.sqlStatements);
  });

  it('is empty for a cadre never nominated', async () => {
    const result = await harness.query(HISTORY, { refs: representations('Cadre', [randomUUID()]) });
    expect(result.body.data?._entities).toEqual([expect.objectContaining({ trainingHistory: [] })]);
  });
});

describe('database constraints', () => {
  it('enrolls a cadre in a class only once', async () => {
    const trainingClass = await createTrainingClass(harness.subgraph.dataSource);
    const cadreId = randomUUID();
    await enroll(harness.subgraph.dataSource, [cadreId], [trainingClass]);
    await expect(
      enroll(harness.subgraph.dataSource, [cadreId], [trainingClass], EnrollmentStatus.NOMINATED),
    ).rejects.toMatchObject({
      driverError: { code: '23505' },
    });
  });

  it.each([
    ['a class that ends before it starts', { startDate: '2023-05-01', endDate: '2023-04-30' }],
    ['a class without seats', { maxSize: 0 }],
  ])('refuses %s', async (_case, overrides) => {
    await expect(createTrainingClass(harness.subgraph.dataSource, overrides)).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
  });

  it('refuses an unknown enrollment status', async () => {
    const trainingClass = await createTrainingClass(harness.subgraph.dataSource);
    await expect(
      harness.subgraph.dataSource
        .getRepository(Enrollment)
        .insert({ cadreId: randomUUID(), classId: trainingClass.id, status: 'GRADUATED' as EnrollmentStatus }),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
  });

  it('keeps the class of an enrollment in existence', async () => {
    const trainingClass = await createTrainingClass(harness.subgraph.dataSource);
    await enroll(harness.subgraph.dataSource, [randomUUID()], [trainingClass]);
    await expect(
      harness.subgraph.dataSource.getRepository(TrainingClass).delete(trainingClass.id),
    ).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
  });
});
