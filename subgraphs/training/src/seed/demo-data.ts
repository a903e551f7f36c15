import { deterministicUuid, demoKeys, SeededRandom, type Logger } from '@cadres/core';
import { seedWhenEmpty } from '@cadres/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Enrollment, EnrollmentStatus } from '../modules/enrollment/enrollment.entity';
import { Programme, ProgrammeCategory } from '../modules/programme/programme.entity';
import { Provider } from '../modules/training-class/provider.entity';
import { TrainingClass, TrainingMode } from '../modules/training-class/training-class.entity';

const id = (kind: string, code: string) => deterministicUuid(`demo:${kind}:${code}`);

const PROGRAMMES: [code: string, name: string, category: ProgrammeCategory][] = [
  ['LLCT-CAO-CAP', 'Cao cấp lý luận chính trị', ProgrammeCategory.POLITICAL_THEORY],
  ['LLCT-TRUNG-CAP', 'Trung cấp lý luận chính trị', ProgrammeCategory.POLITICAL_THEORY],
  ['QLNN-CVC', 'Bồi dưỡng quản lý nhà nước ngạch chuyên viên chính', ProgrammeCategory.GRADE_COURSE],
  ['QPAN-DT2', 'Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 2', ProgrammeCategory.DEFENCE_SECURITY],
  ['THAC-SI-NN', 'Thạc sĩ (đào tạo ở nước ngoài)', ProgrammeCategory.POSTGRADUATE],
];

const PROVIDERS: [code: string, name: string, country: string][] = [
  ['HVCT-KV1', 'Học viện Chính trị khu vực I', 'VN'],
  ['TCT-DB', 'Trường Chính trị tỉnh Điện Biên', 'VN'],
  ['YNU', 'Đại học Quốc gia Yokohama', 'JP'],
];

type ClassSeed = [code: string, programme: string, provider: string, mode: TrainingMode, place: string, start: string, end: string, maxSize: number];

const CLASSES: ClassSeed[] = [
  ['CC-TT-2021', 'LLCT-CAO-CAP', 'HVCT-KV1', TrainingMode.CONCENTRATED, 'Hà Nội', '2021-09-06', '2022-06-30', 120],
  ['CC-KTT-2021-DB', 'LLCT-CAO-CAP', 'HVCT-KV1', TrainingMode.NON_CONCENTRATED, 'Thành phố Điện Biên Phủ', '2021-10-04', '2023-04-28', 80],
  ['TC-TT-2022-01', 'LLCT-TRUNG-CAP', 'TCT-DB', TrainingMode.CONCENTRATED, 'Trường Chính trị tỉnh', '2022-03-07', '2022-09-30', 60],
  ['QLNN-CVC-2022', 'QLNN-CVC', 'TCT-DB', TrainingMode.CONCENTRATED, 'Trường Chính trị tỉnh', '2022-10-10', '2022-12-16', 70],
  ['QPAN-DT2-2023', 'QPAN-DT2', 'TCT-DB', TrainingMode.CONCENTRATED, 'Trường Quân sự tỉnh', '2023-03-06', '2023-04-07', 60],
  ['THS-YNU-2022', 'THAC-SI-NN', 'YNU', TrainingMode.CONCENTRATED, 'Yokohama', '2022-09-26', '2024-09-20', 5],
];

/** Cadre 1 (the README's example) has a fixed history; the others get one to three classes each. */
const FIXED_HISTORY: [classCode: string, status: EnrollmentStatus][] = [
  ['CC-TT-2021', EnrollmentStatus.COMPLETED],
  ['QPAN-DT2-2023', EnrollmentStatus.COMPLETED],
  ['QLNN-CVC-2022', EnrollmentStatus.STUDYING],
];
const OTHER_CLASSES = CLASSES.slice(0, 5).map(([code]) => code);
const OUTCOMES = [EnrollmentStatus.COMPLETED, EnrollmentStatus.COMPLETED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NOT_COMPLETED, EnrollmentStatus.WITHDRAWN];

function demoEnrollments(): Partial<Enrollment>[] {
  const random = new SeededRandom(2022);
  const enrollments: Partial<Enrollment>[] = [];
  for (let n = 1; n <= demoKeys.sampleCadreCount; n++) {
    const cadreId = demoKeys.cadreId(n);
    const history: [string, EnrollmentStatus][] =
      n === 1
        ? FIXED_HISTORY
        : [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(OTHER_CLASSES)))].map((code) => [code, random.pick(OUTCOMES)]);
    for (const [classCode, status] of history) {
      enrollments.push({ id: id('enrollment', `${n}:${classCode}`), cadreId, classId: id('class', classCode), status });
    }
  }
  return enrollments;
}

async function insertDemoData(manager: EntityManager): Promise<void> {
  await manager.insert(
    Programme,
    PROGRAMMES.map(([code, name, category]) => ({ id: id('programme', code), code, name, category })),
  );
  await manager.insert(
    Provider,
    PROVIDERS.map(([code, name, country]) => ({ id: id('provider', code), code, name, country })),
  );
  await manager.insert(
    TrainingClass,
    CLASSES.map(([code, programme, provider, mode, place, startDate, endDate, maxSize]) => ({
      id: id('class', code),
      code,
      programmeId: id('programme', programme),
      providerId: id('provider', provider),
      mode,
      place,
      startDate,
      endDate,
      maxSize,
    })),
  );
  await manager.insert(Enrollment, demoEnrollments());
}

export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const seeded = await seedWhenEmpty(dataSource, 'training', async (m) => (await m.count(Programme)) === 0, insertDemoData);
  if (seeded) logger.info({ programmes: PROGRAMMES.length, classes: CLASSES.length }, 'demo data loaded');
}
