import { addDays, demoKeys, deterministicUuid, must, SeededRandom, today, type Logger } from '@cadres/core';
import { insertInChunks, seedWhenEmpty } from '@cadres/subgraph-kit';
import { fillNomineeUnits } from './nominee-units';
import type { DataSource, EntityManager } from 'typeorm';
import { Enrollment, EnrollmentStatus, ResultRating } from '../modules/enrollment/enrollment.entity';
import { StudyCommitment } from '../modules/enrollment/study-commitment.entity';
import { Quota, TrainingPlan } from '../modules/plan/plan.entity';
import { Programme, ProgrammeCategory } from '../modules/programme/programme.entity';
import { Qualification } from '../modules/qualification/qualification.entity';
import { QualificationKind, QualificationSource } from '../modules/qualification/qualification.enums';
import { Provider, ProviderLevel } from '../modules/training-class/provider.entity';
import { TrainingClass, TrainingMode } from '../modules/training-class/training-class.entity';

const id = (kind: string, key: string) => deterministicUuid(`demo:${kind}:${key}`);

type ProgrammeSeed = [
  code: string,
  name: string,
  category: ProgrammeCategory,
  grants: [QualificationKind, string | null] | null,
  months: number | null,
];

export const PROGRAMMES: ProgrammeSeed[] = [
  [
    'LLCT-CAO-CAP',
    'Cao cấp lý luận chính trị',
    ProgrammeCategory.POLITICAL_THEORY,
    [QualificationKind.POLITICAL_THEORY, 'ADVANCED'],
    8,
  ],
  [
    'LLCT-TRUNG-CAP',
    'Trung cấp lý luận chính trị',
    ProgrammeCategory.POLITICAL_THEORY,
    [QualificationKind.POLITICAL_THEORY, 'INTERMEDIATE'],
    6,
  ],
  [
    'QLNN-CV',
    'Bồi dưỡng quản lý nhà nước ngạch chuyên viên',
    ProgrammeCategory.GRADE_COURSE,
    [QualificationKind.STATE_MANAGEMENT, 'SPECIALIST'],
    2,
  ],
  [
    'QLNN-CVC',
    'Bồi dưỡng quản lý nhà nước ngạch chuyên viên chính',
    ProgrammeCategory.GRADE_COURSE,
    [QualificationKind.STATE_MANAGEMENT, 'PRINCIPAL_SPECIALIST'],
    2,
  ],
  [
    'QLNN-CVCC',
    'Bồi dưỡng quản lý nhà nước ngạch chuyên viên cao cấp',
    ProgrammeCategory.GRADE_COURSE,
    [QualificationKind.STATE_MANAGEMENT, 'SENIOR_SPECIALIST'],
    2,
  ],
  [
    'LANH-DAO-PHONG',
    'Bồi dưỡng lãnh đạo, quản lý cấp phòng',
    ProgrammeCategory.LEADERSHIP,
    [QualificationKind.CERTIFICATE, null],
    1,
  ],
  [
    'CHUC-DANH-XA',
    'Bồi dưỡng chức danh cán bộ, công chức cấp xã',
    ProgrammeCategory.COMMUNE_TITLES,
    [QualificationKind.CERTIFICATE, null],
    1,
  ],
  ['VAN-HOA-CONG-VU', 'Bồi dưỡng văn hóa công vụ, đạo đức công vụ', ProgrammeCategory.OFFICE_CULTURE_ETHICS, null, 1],
  ['CAI-CACH-HC', 'Bồi dưỡng kỹ năng cải cách hành chính', ProgrammeCategory.ADMINISTRATIVE_REFORM, null, 1],
  ['DAI-BIEU-HDND', 'Bồi dưỡng đại biểu HĐND nhiệm kỳ 2021–2026', ProgrammeCategory.PEOPLES_COUNCIL_DELEGATES, null, 1],
  [
    'TW-BI-THU-HUYEN',
    'Cập nhật kiến thức Bí thư, Phó Bí thư huyện ủy',
    ProgrammeCategory.LEADERSHIP,
    [QualificationKind.CERTIFICATE, null],
    1,
  ],
  [
    'TW-QPAN-DT2',
    'Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 2',
    ProgrammeCategory.DEFENCE_SECURITY,
    [QualificationKind.DEFENCE_SECURITY, null],
    1,
  ],
  [
    'TW-TO-CHUC-XDD',
    'Nghiệp vụ công tác tổ chức xây dựng Đảng',
    ProgrammeCategory.SECTOR_REFRESHER,
    [QualificationKind.CERTIFICATE, null],
    1,
  ],
  [
    'TW-TRUONG-BAN-HUYEN',
    'Bồi dưỡng trưởng, phó các ban Đảng huyện ủy',
    ProgrammeCategory.LEADERSHIP,
    [QualificationKind.CERTIFICATE, null],
    1,
  ],
  ['TW-CHUYEN-DE', 'Bồi dưỡng chuyên đề của Trung ương', ProgrammeCategory.SECTOR_REFRESHER, null, 1],
  [
    'THAC-SI-NN',
    'Thạc sĩ chính sách công (đào tạo ở nước ngoài)',
    ProgrammeCategory.POSTGRADUATE,
    [QualificationKind.DEGREE, 'MASTER'],
    24,
  ],
];

const PROVIDERS: [code: string, name: string, country: string, level: ProviderLevel][] = [
  ['HVCT-QG', 'Học viện Chính trị quốc gia Hồ Chí Minh', 'VN', ProviderLevel.CENTRAL],
  ['BTC-TW', 'Ban Tổ chức Trung ương', 'VN', ProviderLevel.CENTRAL],
  ['HV-QP', 'Học viện Quốc phòng', 'VN', ProviderLevel.CENTRAL],
  ['HVCT-KV1', 'Học viện Chính trị khu vực I', 'VN', ProviderLevel.REGIONAL],
  ['TCT-DB', 'Trường Chính trị tỉnh Điện Biên', 'VN', ProviderLevel.PROVINCIAL],
  ['SNV-DB', 'Sở Nội vụ tỉnh Điện Biên', 'VN', ProviderLevel.PROVINCIAL],
  ['YNU', 'Đại học Quốc gia Yokohama', 'JP', ProviderLevel.FOREIGN],
];

/** The article's refresher courses "since the start of the term": 26 classes, 1,347 trainees. */
const REFRESHERS: [programme: string, classes: number][] = [
  ['QLNN-CV', 4],
  ['QLNN-CVC', 3],
  ['LANH-DAO-PHONG', 4],
  ['CHUC-DANH-XA', 6],
  ['VAN-HOA-CONG-VU', 3],
  ['CAI-CACH-HC', 3],
  ['DAI-BIEU-HDND', 3],
];
export const ARTICLE = {
  refresherClasses: 26,
  refresherTrainees: 1347,
  advancedConcentrated: 101,
  advancedNonConcentrated: [60, 62],
  completion: 14,
  intermediateConcentrated: [45, 46, 47, 48, 49, 45, 46, 47, 48, 49, 45, 46, 47, 48, 49, 47, 47],
  intermediateNonConcentrated: [68, 70, 71, 72, 73],
  /** Sent to central courses by the Standing Committee: 94, of which four items are named. */
  central: [
    ['TW-TRUONG-BAN-HUYEN', 56],
    ['TW-TO-CHUC-XDD', 13],
    ['TW-BI-THU-HUYEN', 11],
    ['TW-QPAN-DT2', 9],
    ['TW-CHUYEN-DE', 5],
  ] as [string, number][],
};

export const RESULTS = [
  ResultRating.EXCELLENT,
  ResultRating.GOOD,
  ResultRating.GOOD,
  ResultRating.GOOD,
  ResultRating.FAIR,
  ResultRating.FAIR,
  ResultRating.AVERAGE,
];

type Row<T> = Partial<T>;

/**
 * The demo province's training history, reproducing every training figure of the 2023 article
 * (see article-figures.md), plus classes under way today so that the lifecycle shows.
 */
export class DemoTraining {
  private readonly random = new SeededRandom(2022);
  private readonly programmes = new Map(
    PROGRAMMES.map(([code, , category, grants, months]) => [code, { category, grants, months }]),
  );
  readonly plans: Row<TrainingPlan>[] = [];
  readonly quotas: Row<Quota>[] = [];
  readonly classes: Row<TrainingClass>[] = [];
  readonly enrollments: Row<Enrollment>[] = [];
  readonly qualifications: Row<Qualification>[] = [];
  readonly commitments: Row<StudyCommitment>[] = [];
  private nextCadre = 2;

  constructor() {
    const plan2021 = this.plan('KH-2021', 'Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2021', 2021);
    const plan2022 = this.plan('KH-2022', 'Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2022', 2022);
    const plan2026 = this.plan('KH-2026', 'Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2026', 2026);

    // Advanced political theory 2021–2022: 101 sent to concentrated classes = 100% of the quota;
    // four more were nominated and withdrew. Cadre 1 (the README's example) is among them.
    const advanced = this.quota(plan2021, 'LLCT-CAO-CAP', TrainingMode.CONCENTRATED, ARTICLE.advancedConcentrated);
    const concentrated: [Row<TrainingClass>, Row<TrainingClass>] = [
      this.klass(
        'CC-TT-2021',
        'LLCT-CAO-CAP',
        'HVCT-KV1',
        TrainingMode.CONCENTRATED,
        'Hà Nội',
        '2021-09-06',
        '2022-06-30',
        120,
      ),
      this.klass(
        'CC-TT-2021-B',
        'LLCT-CAO-CAP',
        'HVCT-KV1',
        TrainingMode.CONCENTRATED,
        'Hà Nội',
        '2021-09-13',
        '2022-07-08',
        120,
      ),
    ];
    this.attend(concentrated[0], [1, ...this.cadres(50)], advanced);
    this.attend(concentrated[1], this.cadres(50), advanced);
    this.nominate(concentrated[1], this.cadres(4), advanced, EnrollmentStatus.WITHDRAWN);
    // ... 2 non-concentrated classes opened in the province with the Regional Academy I: 122 trainees.
    const nonConcentrated = this.quota(plan2021, 'LLCT-CAO-CAP', TrainingMode.NON_CONCENTRATED, 122);
    ARTICLE.advancedNonConcentrated.forEach((size, i) =>
      this.attend(
        this.klass(
          `CC-KTT-2021-${i + 1}`,
          'LLCT-CAO-CAP',
          'HVCT-KV1',
          TrainingMode.NON_CONCENTRATED,
          'Trường Chính trị tỉnh Điện Biên',
          '2021-10-04',
          '2023-04-28',
          80,
        ),
        this.cadres(size),
        nonConcentrated,
      ),
    );
    // ... 14 in the completion programme. A class counts against the plan of the year it opens
    // (issue 15, item 2): this one opens in March 2022.
    const completion = this.quota(plan2022, 'LLCT-CAO-CAP', TrainingMode.COMPLETION, ARTICLE.completion);
    this.attend(
      this.klass(
        'CC-HC-2022',
        'LLCT-CAO-CAP',
        'HVCT-KV1',
        TrainingMode.COMPLETION,
        'Hà Nội',
        '2022-03-07',
        '2022-07-29',
        30,
      ),
      this.cadres(ARTICLE.completion),
      completion,
    );
    // One master's degree abroad (Japan), with its service commitment.
    const master = this.quota(plan2022, 'THAC-SI-NN', TrainingMode.CONCENTRATED, 1);
    const [masterEnrollment] = this.attend(
      this.klass(
        'THS-YNU-2022',
        'THAC-SI-NN',
        'YNU',
        TrainingMode.CONCENTRATED,
        'Yokohama',
        '2022-09-26',
        '2024-09-20',
        5,
      ),
      this.cadres(1),
      master,
    );
    this.commitments.push({
      id: id('commitment', 'THS-YNU-2022'),
      enrollmentId: must(masterEnrollment, 'one cadre attends').id,
      studyMonths: 24,
      serviceMonths: 72,
      studyCost: '1200000000',
    });

    // Intermediate political theory: 22 classes, averaging 47.0 (concentrated) and 70.8 (not), all
    // opening in 2022, the year of the plan whose quotas they fill.
    const intermediate = this.quota(plan2022, 'LLCT-TRUNG-CAP', TrainingMode.CONCENTRATED, 800);
    const intermediateNon = this.quota(plan2022, 'LLCT-TRUNG-CAP', TrainingMode.NON_CONCENTRATED, 360);
    ARTICLE.intermediateConcentrated.forEach((size, i) =>
      this.attend(
        this.klass(
          `TC-TT-${pad(i + 1)}`,
          'LLCT-TRUNG-CAP',
          'TCT-DB',
          TrainingMode.CONCENTRATED,
          'Trường Chính trị tỉnh Điện Biên',
          `2022-${pad(1 + (i % 6))}-04`,
          `2022-${pad(7 + (i % 6))}-30`,
          60,
        ),
        this.cadres(size),
        intermediate,
      ),
    );
    ARTICLE.intermediateNonConcentrated.forEach((size, i) =>
      this.attend(
        this.klass(
          `TC-KTT-${pad(i + 1)}`,
          'LLCT-TRUNG-CAP',
          'TCT-DB',
          TrainingMode.NON_CONCENTRATED,
          `Trung tâm chính trị ${['Tuần Giáo', 'Mường Chà', 'Điện Biên Đông', 'Mường Nhé', 'Tủa Chùa'][i]}`,
          `2022-${pad(4 + i)}-05`,
          `2023-${pad(4 + i)}-29`,
          80,
        ),
        this.cadres(size),
        intermediateNon,
      ),
    );

    // Refresher courses since the start of the term: 26 classes, 1,347 trainees. Cadre 1 takes the
    // principal-specialist grade course.
    let remaining = ARTICLE.refresherTrainees;
    let classNumber = 0;
    for (const [programme, count] of REFRESHERS) {
      for (let i = 0; i < count; i++, classNumber++) {
        const size = Math.floor(remaining / (ARTICLE.refresherClasses - classNumber));
        remaining -= size;
        const startsOn = `202${1 + (classNumber % 2)}-${pad(2 + (classNumber % 10))}-${pad(7 + (classNumber % 3) * 7)}`;
        const trainingClass = this.klass(
          `${programme}-${pad(i + 1)}`,
          programme,
          classNumber % 3 ? 'SNV-DB' : 'TCT-DB',
          TrainingMode.CONCENTRATED,
          'Thành phố Điện Biên Phủ',
          startsOn,
          addDays(startsOn, 12),
          70,
        );
        const withExample = programme === 'QLNN-CVC' && i === 0;
        this.attend(
          trainingClass,
          withExample ? [1, ...this.spread(size - 1, classNumber)] : this.spread(size, classNumber),
        );
      }
    }

    // Sent to central courses by the Standing Committee: 94. Cadre 1 took defence and security.
    for (const [programme, size] of ARTICLE.central) {
      const provider = programme === 'TW-QPAN-DT2' ? 'HV-QP' : programme === 'TW-TO-CHUC-XDD' ? 'BTC-TW' : 'HVCT-QG';
      const trainingClass = this.klass(
        `${programme}-2022`,
        programme,
        provider,
        TrainingMode.CONCENTRATED,
        'Hà Nội',
        '2022-05-09',
        '2022-06-10',
        150,
      );
      this.attend(
        trainingClass,
        programme === 'TW-QPAN-DT2' ? [1, ...this.spread(size - 1, 7)] : this.spread(size, 11),
      );
    }

    // Classes under way today: the lifecycle in its middle states.
    const current = this.quota(plan2026, 'LLCT-TRUNG-CAP', TrainingMode.CONCENTRATED, 60);
    const ongoing = this.klass(
      'TC-TT-2026-01',
      'LLCT-TRUNG-CAP',
      'TCT-DB',
      TrainingMode.CONCENTRATED,
      'Trường Chính trị tỉnh Điện Biên',
      '2026-09-07',
      '2027-03-26',
      60,
    );
    this.nominate(ongoing, this.spread(40, 3), current, EnrollmentStatus.STUDYING);
    this.nominate(ongoing, this.spread(6, 5), current, EnrollmentStatus.ADMITTED);
    this.nominate(ongoing, this.spread(8, 9), current, EnrollmentStatus.NOMINATED);
  }

  private plan(code: string, name: string, year: number): string {
    const planId = id('plan', code);
    this.plans.push({ id: planId, code, name, year });
    return planId;
  }

  private quota(planId: string, programme: string, mode: TrainingMode, quota: number): string {
    const quotaId = id('quota', `${planId}:${programme}:${mode}`);
    this.quotas.push({ id: quotaId, planId, programmeId: id('programme', programme), mode, orgUnitId: null, quota });
    return quotaId;
  }

  private klass(
    code: string,
    programme: string,
    provider: string,
    mode: TrainingMode,
    place: string,
    startDate: string,
    endDate: string,
    maxSize: number,
  ): Row<TrainingClass> {
    const trainingClass = {
      id: id('class', code),
      code,
      programmeId: id('programme', programme),
      providerId: id('provider', provider),
      mode,
      place,
      startDate,
      endDate,
      maxSize,
    };
    this.classes.push(trainingClass);
    return trainingClass;
  }

  /** `count` cadres not yet used for the article's degree-granting courses (each cadre once). */
  private cadres(count: number): number[] {
    const taken = Array.from({ length: count }, (_, i) => this.nextCadre + i);
    this.nextCadre += count;
    return taken;
  }

  /** `count` distinct cadres spread over the whole province, for refresher courses. */
  private spread(count: number, salt: number): number[] {
    const start = 2 + ((salt * 389) % (demoKeys.cadreCount - count - 2));
    return Array.from({ length: count }, (_, i) => start + i);
  }

  private nominate(
    trainingClass: Row<TrainingClass>,
    cadres: number[],
    quotaId: string | null,
    status: EnrollmentStatus,
  ): Row<Enrollment>[] {
    return cadres.map((n) => {
      const enrollment: Row<Enrollment> = {
        id: id('enrollment', `${trainingClass.code}:${n}`),
        cadreId: demoKeys.cadreId(n),
        classId: trainingClass.id,
        quotaId,
        status,
        nominatedOn: addDays(trainingClass.startDate!, -45),
        eligibility: null,
      };
      this.enrollments.push(enrollment);
      return enrollment;
    });
  }

  /** Trainees who attended a finished class: most completed it (and got its qualification). */
  private attend(
    trainingClass: Row<TrainingClass>,
    cadres: number[],
    quotaId: string | null = null,
  ): Row<Enrollment>[] {
    const finished = trainingClass.endDate! < today();
    const { grants } = this.programmes.get(programmeCodeOf(trainingClass))!;
    return this.nominate(trainingClass, cadres, quotaId, EnrollmentStatus.STUDYING).map((enrollment) => {
      if (!finished) return enrollment;
      const failed = enrollment.cadreId !== demoKeys.cadreId(1) && this.random.chance(0.02);
      enrollment.status = failed ? EnrollmentStatus.NOT_COMPLETED : EnrollmentStatus.COMPLETED;
      if (!failed) {
        enrollment.resultRating = this.random.pick(RESULTS);
        enrollment.certificateNumber = `${trainingClass.code}/${this.enrollments.length}`;
        if (this.random.chance(0.3)) enrollment.feedbackScore = this.random.int(3, 5);
        if (grants) {
          this.qualifications.push({
            id: id('qualification', enrollment.id!),
            cadreId: enrollment.cadreId,
            kind: grants[0],
            level: grants[1],
            title: programmeNameOf(trainingClass),
            source: QualificationSource.TRAINING,
            enrollmentId: enrollment.id,
            awardedOn: trainingClass.endDate,
            certificateNumber: enrollment.certificateNumber,
          });
        }
      }
      return enrollment;
    });
  }
}

function programmeCodeOf(trainingClass: Row<TrainingClass>): string {
  return PROGRAMMES.find(([code]) => id('programme', code) === trainingClass.programmeId)![0];
}

function programmeNameOf(trainingClass: Row<TrainingClass>): string {
  return PROGRAMMES.find(([code]) => id('programme', code) === trainingClass.programmeId)![1];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

async function insertDemoData(manager: EntityManager): Promise<void> {
  const demo = new DemoTraining();
  await insertInChunks(
    manager,
    Programme,
    PROGRAMMES.map(([code, name, category, grants, durationMonths]) => ({
      id: id('programme', code),
      code,
      name,
      category,
      grantsKind: grants?.[0] ?? null,
      grantsLevel: grants?.[1] ?? null,
      durationMonths,
    })),
  );
  await insertInChunks(
    manager,
    Provider,
    PROVIDERS.map(([code, name, country, level]) => ({ id: id('provider', code), code, name, country, level })),
  );
  await insertInChunks(manager, TrainingPlan, demo.plans);
  await insertInChunks(manager, Quota, demo.quotas);
  await insertInChunks(manager, TrainingClass, demo.classes);
  await insertInChunks(manager, Enrollment, demo.enrollments);
  await insertInChunks(manager, Qualification, demo.qualifications);
  await insertInChunks(manager, StudyCommitment, demo.commitments);
}

export async function seedDemoData(
  dataSource: DataSource,
  logger: Logger,
  env: Record<string, unknown>,
): Promise<void> {
  const seeded = await seedWhenEmpty(
    dataSource,
    'training',
    async (m) => (await m.count(Programme)) === 0,
    insertDemoData,
  );
  if (seeded) logger.info({ programmes: PROGRAMMES.length }, 'demo data loaded');
  // The demo names cadres by id only; the units that sent them come from personnel.
  await fillNomineeUnits(
    dataSource,
    logger,
    env.PERSONNEL_URL as string | undefined,
    env.INTERNAL_SIGNING_SECRET as string,
  );
}
