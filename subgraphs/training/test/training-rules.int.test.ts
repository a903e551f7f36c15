import { startSubgraphHarness, useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Qualification } from '../src/modules/qualification/qualification.entity';
import { ProgrammeCategory } from '../src/modules/programme/programme.entity';
import { QualificationKind, QualificationSource } from '../src/modules/qualification/qualification.enums';
import { TrainingMode, type TrainingClass } from '../src/modules/training-class/training-class.entity';
import { trainingSubgraph } from '../src/subgraph';
import { createQuota, createTrainingClass } from './factories';
import { usePersonnelFactory, type CadreRecordOptions } from '../../personnel/test/factories';

// Eligibility asks the real personnel subgraph over HTTP, as in production.
const harness = useSubgraphHarness(trainingSubgraph, { peers: ['personnel'] });

interface UserErrorShape {
  code: string;
  reason: string | null;
  field: string | null;
}
interface EnrollmentShape {
  id: string;
  status: string;
  eligibility: { rule: string; facts: { age: number; isPartyMember: boolean } } | null;
  studyCommitment: { studyMonths: number; serviceMonths: number } | null;
}

const NOMINATE = `mutation ($input: NominateInput!) {
  nominate(input: $input) { enrollment { id status eligibility studyCommitment { studyMonths serviceMonths } } errors { code reason field } }
}`;
const CHANGE = `mutation ($input: ChangeEnrollmentStatusInput!) {
  changeEnrollmentStatus(input: $input) { enrollment { id status resultRating certificateNumber } errors { code reason field } }
}`;

const FUTURE = { startDate: '2027-01-04', endDate: '2027-06-30' };
const INTERMEDIATE = { grantsKind: QualificationKind.POLITICAL_THEORY, grantsLevel: 'INTERMEDIATE' };
const reasonsOf = (errors: UserErrorShape[]) => errors.map((e) => `${e.code}/${e.reason}`);

async function nominate(cadreId: string, trainingClass: TrainingClass, quotaId?: string, studyCost?: string) {
  const result = await harness.query<{ nominate: { enrollment: EnrollmentShape | null; errors: UserErrorShape[] } }>(
    NOMINATE,
    {
      input: { cadreId, classId: trainingClass.id, quotaId, studyCost },
    },
  );
  if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.nominate;
}

async function change(enrollmentId: string, status: string, extra: Record<string, unknown> = {}) {
  const result = await harness.query<{
    changeEnrollmentStatus: { enrollment: { status: string } | null; errors: UserErrorShape[] };
  }>(CHANGE, {
    input: { enrollmentId, status, ...extra },
  });
  return result.body.data!.changeEnrollmentStatus;
}

const futureClass = (overrides: Partial<TrainingClass> = {}, programme: Record<string, unknown> = INTERMEDIATE) =>
  createTrainingClass(harness.subgraph.dataSource, { ...FUTURE, ...overrides }, programme);
// The nominees' records are personnel's rows, made by personnel's own factory; training reads them through personnel's API.
const personnel = usePersonnelFactory();
const cadre = async (options: CadreRecordOptions = {}) => (await personnel().cadre(options)).id;

describe('rule 1: class capacity, guarded by the database', () => {
  it('lets exactly one of two simultaneous admissions take the last seat', async () => {
    const trainingClass = await futureClass({ maxSize: 1 });
    const nominees = await Promise.all([cadre(), cadre()]);
    const enrollments = [];
    for (const id of nominees) enrollments.push((await nominate(id, trainingClass)).enrollment!);
    const results = await Promise.all(enrollments.map((e) => change(e.id, 'ADMITTED')));
    expect(results.filter((r) => r.enrollment).length).toBe(1);
    expect(results.flatMap((r) => reasonsOf(r.errors))).toEqual(['CONFLICT/CLASS_FULL']);
  });

  it('frees the seat when a trainee withdraws', async () => {
    const trainingClass = await futureClass({ maxSize: 1 });
    const [first, second] = [
      (await nominate(await cadre(), trainingClass)).enrollment!,
      (await nominate(await cadre(), trainingClass)).enrollment!,
    ];
    expect((await change(first.id, 'ADMITTED')).errors).toEqual([]);
    expect(reasonsOf((await change(second.id, 'ADMITTED')).errors)).toEqual(['CONFLICT/CLASS_FULL']);
    expect((await change(first.id, 'WITHDRAWN')).errors).toEqual([]);
    expect((await change(second.id, 'ADMITTED')).errors).toEqual([]);
  });

  it('refuses even a direct write that would overfill the class', async () => {
    const trainingClass = await futureClass({ maxSize: 1 });
    const insert = () =>
      harness.subgraph.dataSource.query(
        `INSERT INTO enrollment (cadre_id, class_id, status) VALUES ($1, $2, 'ADMITTED')`,
        [randomUUID(), trainingClass.id],
      );
    await insert();
    await expect(insert()).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'training_class_capacity' },
    });
  });
});

describe('rule 2: nominees at most the quota times the candidate ratio', () => {
  it('accepts floor(quota × 1.2) nominees and refuses the next', async () => {
    const trainingClass = await futureClass();
    const quota = await createQuota(harness.subgraph.dataSource, trainingClass, 5);
    for (let i = 0; i < 6; i++) expect((await nominate(await cadre(), trainingClass, quota.id)).errors).toEqual([]);
    expect(reasonsOf((await nominate(await cadre(), trainingClass, quota.id)).errors)).toEqual([
      'RULE_VIOLATION/QUOTA_EXCEEDED',
    ]);
  });

  it('refuses a quota for another programme or mode', async () => {
    const trainingClass = await futureClass();
    const other = await futureClass({ mode: TrainingMode.NON_CONCENTRATED });
    const quota = await createQuota(harness.subgraph.dataSource, other, 5);
    expect(reasonsOf((await nominate(await cadre(), trainingClass, quota.id)).errors)).toEqual([
      'RULE_VIOLATION/QUOTA_MISMATCH',
    ]);
  });
});

describe('issue 15, item 2: a nomination to a class a plan covers always counts against the unit’s quota', () => {
  const db = () => harness.subgraph.dataSource;
  const unitOf = (cadreId: string) => personnel().unitOf(cadreId);
  const fulfilment = async (year: number) =>
    (
      await harness.query<{ quotaFulfilment: { orgUnitId: string | null; quota: number; nominated: number }[] }>(
        `query ($y: Int) { quotaFulfilment(year: $y) { orgUnitId quota nominated } }`,
        { y: year },
      )
    ).body.data!.quotaFulfilment;

  it('counts nominations without quotaId: quota 5 takes 6 nominees, cited or not, then refuses; quotaFulfilment agrees', async () => {
    // A year no other test plans for, so the plan's figures are this test's alone.
    const year = 2090 + Math.floor(Math.random() * 10);
    const trainingClass = await futureClass({ startDate: `${year}-01-04`, endDate: `${year}-06-30` });
    const quota = await createQuota(db(), trainingClass, 5);
    for (let i = 0; i < 3; i++) expect((await nominate(await cadre(), trainingClass, quota.id)).errors).toEqual([]);
    for (let i = 0; i < 3; i++) expect((await nominate(await cadre(), trainingClass)).errors).toEqual([]);
    const refused = await nominate(await cadre(), trainingClass);
    expect(reasonsOf(refused.errors)).toEqual(['RULE_VIOLATION/QUOTA_EXCEEDED']);
    expect(refused.errors[0]?.field).toBe('quotaId');
    expect(
      await db().query(
        `SELECT count(*)::int AS n, count(quota_id)::int AS counted FROM enrollment WHERE class_id = $1`,
        [trainingClass.id],
      ),
    ).toEqual([{ n: 6, counted: 6 }]);
    expect(await fulfilment(year)).toEqual([{ orgUnitId: null, quota: 5, nominated: 6 }]);
  });

  it('lets exactly as many of 20 simultaneous uncited nominations through as the cap allows', async () => {
    const year = 2080 + Math.floor(Math.random() * 10);
    const trainingClass = await futureClass({ startDate: `${year}-02-01`, endDate: `${year}-05-29` });
    await createQuota(db(), trainingClass, 5);
    const rivals = await Promise.all(Array.from({ length: 20 }, () => cadre()));
    const results = await Promise.all(rivals.map((id) => nominate(id, trainingClass)));
    expect(results.filter((r) => r.enrollment).length).toBe(6);
    expect(new Set(results.flatMap((r) => reasonsOf(r.errors)))).toEqual(new Set(['RULE_VIOLATION/QUOTA_EXCEEDED']));
    expect(
      await db().query(`SELECT count(*)::int AS n FROM enrollment WHERE class_id = $1`, [trainingClass.id]),
    ).toEqual([{ n: 6 }]);
  });

  it('counts against the nominee’s unit’s quota before the province-wide one, and refuses citing another', async () => {
    const trainingClass = await futureClass();
    const [own, elsewhere] = [await cadre(), await cadre()];
    const unitQuota = await createQuota(db(), trainingClass, 1, await unitOf(own));
    const provinceQuota = await createQuota(db(), trainingClass, 3);
    expect(reasonsOf((await nominate(own, trainingClass, provinceQuota.id)).errors)).toEqual([
      'RULE_VIOLATION/QUOTA_MISMATCH',
    ]);
    const counted = await nominate(own, trainingClass);
    expect(counted.errors).toEqual([]);
    const [{ quota_id: ownQuota }] = await db().query(`SELECT quota_id FROM enrollment WHERE id = $1`, [
      counted.enrollment!.id,
    ]);
    expect(ownQuota).toBe(unitQuota.id);
    const other = await nominate(elsewhere, trainingClass);
    const [{ quota_id: otherQuota }] = await db().query(`SELECT quota_id FROM enrollment WHERE id = $1`, [
      other.enrollment!.id,
    ]);
    expect(otherQuota).toBe(provinceQuota.id);
  });

  it('refuses a quota of a plan for another year than the class opens in', async () => {
    const trainingClass = await futureClass();
    const nextYear = await futureClass({ startDate: '2028-01-10', endDate: '2028-06-30' });
    // Same programme and mode, but the plan of 2028.
    await db().query(`UPDATE training_class SET programme_id = $1 WHERE id = $2`, [
      trainingClass.programmeId,
      nextYear.id,
    ]);
    const quota = await createQuota(db(), { ...nextYear, programmeId: trainingClass.programmeId }, 5);
    expect(reasonsOf((await nominate(await cadre(), trainingClass, quota.id)).errors)).toEqual([
      'RULE_VIOLATION/QUOTA_MISMATCH',
    ]);
    // Uncited, the 2027 class is covered by no plan: nothing to count against.
    expect((await nominate(await cadre(), trainingClass)).errors).toEqual([]);
  });
});

describe('rule 3: the concentrated : non-concentrated ratio, reported per plan', () => {
  it('reports compliance up to ceil(concentrated × 1.2) and breach beyond', async () => {
    const concentratedClass = await futureClass({ maxSize: 10 });
    const nonConcentratedClass = await createTrainingClass(harness.subgraph.dataSource, {
      ...FUTURE,
      mode: TrainingMode.NON_CONCENTRATED,
      programmeId: concentratedClass.programmeId,
      maxSize: 10,
    });
    const planYear = 2031 + Math.floor(Math.random() * 60);
    const [plan] = await harness.subgraph.dataSource.query(
      `INSERT INTO training_plan (code, name, year) VALUES ($1, 'Thử', $2) RETURNING id`,
      [`T-${randomUUID().slice(0, 8)}`, planYear],
    );
    const quota = async (mode: TrainingMode) =>
      (
        await harness.subgraph.dataSource.query(
          `INSERT INTO quota (plan_id, programme_id, mode, quota) VALUES ($1, $2, $3, 10) RETURNING id`,
          [plan.id, concentratedClass.programmeId, mode],
        )
      )[0].id;
    const [concentratedQuota, nonConcentratedQuota] = [
      await quota(TrainingMode.CONCENTRATED),
      await quota(TrainingMode.NON_CONCENTRATED),
    ];
    const send = async (trainingClass: TrainingClass, quotaId: string, count: number) => {
      for (let i = 0; i < count; i++) {
        await harness.subgraph.dataSource.query(
          `INSERT INTO enrollment (cadre_id, class_id, quota_id, status) VALUES ($1, $2, $3, 'ADMITTED')`,
          [randomUUID(), trainingClass.id, quotaId],
        );
      }
    };
    const compliance = async () =>
      (
        await harness.query<{
          selectionRatioCompliance: {
            concentrated: number;
            nonConcentrated: number;
            allowedNonConcentrated: number;
            compliant: boolean;
          }[];
        }>(
          `query ($year: Int) { selectionRatioCompliance(year: $year) { concentrated nonConcentrated allowedNonConcentrated compliant } }`,
          { year: planYear },
        )
      ).body.data!.selectionRatioCompliance;
    await send(concentratedClass, concentratedQuota, 5);
    await send(nonConcentratedClass, nonConcentratedQuota, 6);
    expect(await compliance()).toEqual([
      { concentrated: 5, nonConcentrated: 6, allowedNonConcentrated: 6, compliant: true },
    ]);
    await send(nonConcentratedClass, nonConcentratedQuota, 1);
    expect(await compliance()).toEqual([
      { concentrated: 5, nonConcentrated: 7, allowedNonConcentrated: 6, compliant: false },
    ]);
  });
});

describe('rule 4: political-theory eligibility, from personnel’s record', () => {
  it('accepts an eligible cadre and keeps the facts checked as a snapshot', async () => {
    const result = await nominate(await cadre({ dateOfBirth: '1990-03-03' }), await futureClass());
    expect(result.errors).toEqual([]);
    expect(result.enrollment?.status).toBe('NOMINATED');
    expect(result.enrollment?.eligibility).toMatchObject({
      rule: 'INTERMEDIATE_POLITICAL_THEORY_ELIGIBILITY',
      facts: { isPartyMember: true },
    });
  });

  it.each<[string, CadreRecordOptions, Partial<TrainingClass>, string]>([
    ['a cadre outside the Party', { partyMember: false }, {}, 'NOT_PARTY_MEMBER'],
    ['a Kinh cadre without a degree', { degree: null, ethnicity: 'Kinh' }, {}, 'DEGREE_REQUIRED'],
    ['a cadre rated COMPLETED last year', { ratings: ['COMPLETED', 'GOOD'] }, {}, 'EVALUATIONS_INSUFFICIENT'],
    ['a cadre with one year rated', { ratings: ['GOOD'] }, {}, 'EVALUATIONS_INSUFFICIENT'],
    [
      'a woman of 27 in the non-concentrated mode',
      { sex: 'FEMALE', dateOfBirth: `${new Date().getUTCFullYear() - 27}-01-01` },
      { mode: TrainingMode.NON_CONCENTRATED },
      'TOO_YOUNG_FOR_NON_CONCENTRATED',
    ],
    [
      'a man of 29 in the non-concentrated mode',
      { sex: 'MALE', dateOfBirth: `${new Date().getUTCFullYear() - 29}-01-01` },
      { mode: TrainingMode.NON_CONCENTRATED },
      'TOO_YOUNG_FOR_NON_CONCENTRATED',
    ],
  ])('refuses %s', async (_case, cadreOptions, classOptions, reason) => {
    const result = await nominate(await cadre(cadreOptions), await futureClass(classOptions));
    expect(reasonsOf(result.errors)).toEqual([`RULE_VIOLATION/${reason}`]);
  });

  it.each<[string, CadreRecordOptions, Partial<TrainingClass>]>([
    ['an ethnic-minority cadre with secondary school only', { degree: null, ethnicity: 'Mông' }, {}],
    [
      'a woman of 28 in the non-concentrated mode',
      { sex: 'FEMALE', dateOfBirth: `${new Date().getUTCFullYear() - 29}-01-01` },
      { mode: TrainingMode.NON_CONCENTRATED },
    ],
  ])('accepts %s', async (_case, cadreOptions, classOptions) => {
    expect((await nominate(await cadre(cadreOptions), await futureClass(classOptions))).errors).toEqual([]);
  });

  it('admits advanced political theory by title: rank 50 yes, 45 no', async () => {
    const advanced = await futureClass({}, { grantsKind: QualificationKind.POLITICAL_THEORY, grantsLevel: 'ADVANCED' });
    expect((await nominate(await cadre({ titleRank: 50 }), advanced)).errors).toEqual([]);
    expect(reasonsOf((await nominate(await cadre({ titleRank: 45 }), advanced)).errors)).toEqual([
      'RULE_VIOLATION/TITLE_NOT_ELIGIBLE',
    ]);
  });

  it('refuses an unknown cadre, and refuses rather than guesses when personnel cannot answer', async () => {
    const trainingClass = await futureClass();
    expect(reasonsOf((await nominate(randomUUID(), trainingClass)).errors)).toEqual(['NOT_FOUND/null']);
    const isolated = await startSubgraphHarness(trainingSubgraph, { PERSONNEL_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const result = await isolated.query<{ nominate: { errors: UserErrorShape[] } }>(NOMINATE, {
        input: { cadreId: await cadre(), classId: trainingClass.id },
      });
      expect(reasonsOf(result.body.data!.nominate.errors)).toEqual([
        'DEPENDENCY_UNAVAILABLE/PERSONNEL_CHECK_UNAVAILABLE',
      ]);
    } finally {
      await isolated.stop();
    }
  });
});

describe('rule 5: postgraduate age limit and service commitment', () => {
  const postgraduate = () =>
    futureClass(
      { startDate: '2027-09-01', endDate: '2029-08-31' },
      {
        category: ProgrammeCategory.POSTGRADUATE,
        grantsKind: QualificationKind.DEGREE,
        grantsLevel: 'MASTER',
        durationMonths: 24,
      },
    );

  it('refuses a nominee over 45 and commits one of 45 to three times the study period', async () => {
    const trainingClass = await postgraduate();
    const year = new Date().getUTCFullYear();
    expect(
      reasonsOf((await nominate(await cadre({ dateOfBirth: `${year - 47}-01-01` }), trainingClass)).errors),
    ).toEqual(['RULE_VIOLATION/TOO_OLD_FOR_POSTGRADUATE']);
    const accepted = await nominate(
      await cadre({ dateOfBirth: `${year - 45}-12-31` }),
      trainingClass,
      undefined,
      '720000000',
    );
    expect(accepted.errors).toEqual([]);
    expect(accepted.enrollment?.studyCommitment).toEqual({ studyMonths: 24, serviceMonths: 72 });
  });

  it('charges compensation in proportion to the service still owed', async () => {
    const trainingClass = await postgraduate();
    const { enrollment } = await nominate(
      await cadre({ dateOfBirth: '1990-01-01' }),
      trainingClass,
      undefined,
      '720000000',
    );
    // 36 of the 72 months served after the class ends on 2029-08-31: half the cost is owed.
    const broken = await harness.query<{
      breakStudyCommitment: { commitment: { compensation: string; brokenOn: string } | null; errors: UserErrorShape[] };
    }>(
      `mutation ($input: BreakCommitmentInput!) { breakStudyCommitment(input: $input) { commitment { compensation brokenOn } errors { code reason } } }`,
      { input: { enrollmentId: enrollment!.id, brokenOn: '2032-08-31' } },
    );
    expect(broken.body.data?.breakStudyCommitment).toEqual({
      commitment: { compensation: '360000000', brokenOn: '2032-08-31' },
      errors: [],
    });
  });
});

describe('rule 6: completing grants the qualification exactly once; feedback only from attendees', () => {
  async function studying(trainingClass: TrainingClass) {
    const cadreId = await cadre();
    const { enrollment } = await nominate(cadreId, trainingClass);
    await change(enrollment!.id, 'ADMITTED');
    await change(enrollment!.id, 'STUDYING');
    return { cadreId, enrollmentId: enrollment!.id };
  }
  const qualificationsOf = (cadreId: string) =>
    harness.subgraph.dataSource.getRepository(Qualification).findBy({ cadreId });

  it('grants the programme’s qualification on completion, once', async () => {
    const { cadreId, enrollmentId } = await studying(await futureClass());
    expect(
      (await change(enrollmentId, 'COMPLETED', { resultRating: 'GOOD', certificateNumber: 'TC-01/2027' })).errors,
    ).toEqual([]);
    expect(await qualificationsOf(cadreId)).toEqual([
      expect.objectContaining({
        kind: 'POLITICAL_THEORY',
        level: 'INTERMEDIATE',
        source: 'TRAINING',
        certificateNumber: 'TC-01/2027',
      }),
    ]);
    expect(
      reasonsOf((await change(enrollmentId, 'COMPLETED', { resultRating: 'GOOD', certificateNumber: 'x' })).errors),
    ).toEqual(['RULE_VIOLATION/INVALID_TRANSITION']);
    await expect(
      harness.subgraph.dataSource.getRepository(Qualification).insert({
        cadreId,
        kind: QualificationKind.POLITICAL_THEORY,
        title: 'x',
        source: QualificationSource.TRAINING,
        enrollmentId,
        awardedOn: '2027-06-30',
      }),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'qualification_once_per_enrollment' } });
    const levels = await harness.query<{
      _entities: { politicalTheoryLevel: string; qualifications: { level: string }[] }[];
    }>(
      `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Cadre { politicalTheoryLevel qualifications { level } } } }`,
      { refs: [{ __typename: 'Cadre', id: cadreId }] },
    );
    expect(levels.body.data?._entities).toEqual([
      { politicalTheoryLevel: 'INTERMEDIATE', qualifications: [{ level: 'INTERMEDIATE' }] },
    ]);
  });

  it('grants nothing to a failed or withdrawn trainee', async () => {
    const trainingClass = await futureClass();
    const failed = await studying(trainingClass);
    expect((await change(failed.enrollmentId, 'NOT_COMPLETED')).errors).toEqual([]);
    const withdrawn = await studying(trainingClass);
    expect((await change(withdrawn.enrollmentId, 'WITHDRAWN')).errors).toEqual([]);
    expect(await qualificationsOf(failed.cadreId)).toEqual([]);
    expect(await qualificationsOf(withdrawn.cadreId)).toEqual([]);
  });

  it.each([
    ['skipping admission', 'NOMINATED', 'STUDYING', {}, 'RULE_VIOLATION/INVALID_TRANSITION'],
    ['completing without a result', 'STUDYING', 'COMPLETED', {}, 'BAD_USER_INPUT/REQUIRED'],
    [
      'a result without completing',
      'STUDYING',
      'NOT_COMPLETED',
      { resultRating: 'GOOD' },
      'BAD_USER_INPUT/ONLY_WHEN_COMPLETED',
    ],
  ])('refuses %s', async (_case, from, to, extra, expected) => {
    const trainingClass = await futureClass();
    const { enrollmentId } =
      from === 'STUDYING'
        ? await studying(trainingClass)
        : { enrollmentId: (await nominate(await cadre(), trainingClass)).enrollment!.id };
    expect(reasonsOf((await change(enrollmentId, to, extra)).errors)[0]).toBe(expected);
  });

  it('takes feedback only from trainees who attended', async () => {
    const trainingClass = await futureClass();
    const nominee = (await nominate(await cadre(), trainingClass)).enrollment!;
    const attendee = await studying(trainingClass);
    const feedback = (enrollmentId: string) =>
      harness.query<{ giveClassFeedback: { errors: UserErrorShape[] } }>(
        `mutation ($input: FeedbackInput!) { giveClassFeedback(input: $input) { enrollment { feedbackScore } errors { code reason } } }`,
        { input: { enrollmentId, score: 4, comment: 'Bổ ích' } },
      );
    expect(reasonsOf((await feedback(nominee.id)).body.data!.giveClassFeedback.errors)).toEqual([
      'RULE_VIOLATION/DID_NOT_ATTEND',
    ]);
    expect((await feedback(attendee.enrollmentId)).body.data!.giveClassFeedback.errors).toEqual([]);
  });

  it('writes the feedback and its audit row in one statement, the row holding the enrollment as stored', async () => {
    const attendee = await studying(await futureClass());
    const result = await harness.query<{ giveClassFeedback: { enrollment: { feedbackScore: number } } }>(
      `mutation ($input: FeedbackInput!) { giveClassFeedback(input: $input) { enrollment { feedbackScore feedbackComment } errors { code } } }`,
      { input: { enrollmentId: attendee.enrollmentId, score: 5, comment: ' Rất bổ ích ' } },
    );
    expect(result.body.data?.giveClassFeedback).toEqual({
      enrollment: { feedbackScore: 5, feedbackComment: 'Rất bổ ích' },
      errors: [],
    });
    // The enrollment (the access check), BEGIN, the enrollment locked with now(), one statement for
    // the change and its audit row, COMMIT: the enrollment is not read back.
    expect(result.sqlStatements).toBe(5);
    const [stored] = await harness.subgraph.dataSource.query<
      { feedback_score: number; feedback_comment: string; updated_at: Date }[]
    >(`SELECT feedback_score, feedback_comment, updated_at FROM enrollment WHERE id = $1`, [attendee.enrollmentId]);
    const audits = await harness.subgraph.dataSource.query<
      { enrollment: { feedbackScore: number; feedbackComment: string; updatedAt: string } }[]
    >(
      `SELECT result -> 'giveClassFeedback' AS enrollment FROM mutation_audit WHERE result -> 'giveClassFeedback' ->> 'id' = $1`,
      [attendee.enrollmentId],
    );
    expect(audits).toEqual([
      {
        enrollment: expect.objectContaining({
          feedbackScore: stored?.feedback_score,
          feedbackComment: stored?.feedback_comment,
          updatedAt: stored?.updated_at.toISOString(),
        }),
      },
    ]);
  });
});

describe('training rules are versioned settings', () => {
  it('shows a new version from its effective date only', async () => {
    const define = await harness.query<{ defineTrainingRuleSetting: { errors: UserErrorShape[] } }>(
      `mutation { defineTrainingRuleSetting(input: { key: "NOMINATION_CANDIDATE_RATIO", value: 1.5, legalBasis: "Thử", effectiveFrom: "2098-01-01" }) { errors { code reason } } }`,
    );
    expect(define.body.data?.defineTrainingRuleSetting.errors).toEqual([]);
    const at = async (date: string) =>
      (
        await harness.query<{ trainingRuleSettings: { key: string; value: number; isDefault: boolean }[] }>(
          `query ($at: LocalDate) { trainingRuleSettings(at: $at) { key value isDefault } }`,
          { at: date },
        )
      ).body.data!.trainingRuleSettings.find((s) => s.key === 'NOMINATION_CANDIDATE_RATIO');
    expect(await at('2097-12-31')).toEqual({ key: 'NOMINATION_CANDIDATE_RATIO', value: 1.2, isDefault: true });
    expect(await at('2098-01-01')).toEqual({ key: 'NOMINATION_CANDIDATE_RATIO', value: 1.5, isDefault: false });
  });
});
