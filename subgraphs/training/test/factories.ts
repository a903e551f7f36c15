import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Enrollment, EnrollmentStatus } from '../src/modules/enrollment/enrollment.entity';
import { Quota, TrainingPlan } from '../src/modules/plan/plan.entity';
import { Programme, ProgrammeCategory } from '../src/modules/programme/programme.entity';
import { Provider } from '../src/modules/training-class/provider.entity';
import { TrainingClass, TrainingMode } from '../src/modules/training-class/training-class.entity';

const uniqueCode = () => `T-${randomUUID().slice(0, 8)}`;

/** A programme, a provider and one class of it. */
export async function createTrainingClass(
  dataSource: DataSource,
  overrides: Partial<TrainingClass> = {},
  programmeFields: Partial<Programme> = {},
): Promise<TrainingClass> {
  const programme = await dataSource.getRepository(Programme).save({
    code: uniqueCode(),
    name: 'Trung cấp lý luận chính trị',
    category: ProgrammeCategory.POLITICAL_THEORY,
    ...programmeFields,
  });
  const provider = await dataSource
    .getRepository(Provider)
    .save({ code: uniqueCode(), name: 'Trường Chính trị tỉnh', country: 'VN' });
  const saved = await dataSource.getRepository(TrainingClass).save({
    code: uniqueCode(),
    programmeId: programme.id,
    providerId: provider.id,
    mode: TrainingMode.CONCENTRATED,
    place: 'Điện Biên Phủ',
    startDate: '2022-03-07',
    endDate: '2022-09-30',
    maxSize: 60,
    ...overrides,
  });
  return dataSource.getRepository(TrainingClass).findOneByOrFail({ id: saved.id });
}

/** A plan of the year the class opens (the plan that covers it) with one quota for its programme and mode, province-wide or a unit's. */
export async function createQuota(
  dataSource: DataSource,
  trainingClass: TrainingClass,
  quota: number,
  orgUnitId: string | null = null,
): Promise<Quota> {
  const plan = await dataSource
    .getRepository(TrainingPlan)
    .save({ code: uniqueCode(), name: 'Kế hoạch thử', year: Number(trainingClass.startDate.slice(0, 4)) });
  return dataSource
    .getRepository(Quota)
    .save({ planId: plan.id, programmeId: trainingClass.programmeId, mode: trainingClass.mode, orgUnitId, quota });
}

/** Enrolls each cadre in each class, in one statement. */
export async function enroll(
  dataSource: DataSource,
  cadreIds: string[],
  classes: TrainingClass[],
  status = EnrollmentStatus.COMPLETED,
): Promise<void> {
  await dataSource
    .getRepository(Enrollment)
    .insert(cadreIds.flatMap((cadreId) => classes.map((c) => ({ cadreId, classId: c.id, status }))));
}
