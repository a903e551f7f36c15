/**
 * Training's access policy (issue 12): the catalogue is ADMIN's to write, plans and quotas stay in
 * the caller's units, out of scope answers exactly as nonexistent on every lookup and mutation, and
 * every statistic is computed over the caller's units.
 */
import { must, Role, Scope, type Identity } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { Enrollment, EnrollmentStatus } from '../src/modules/enrollment/enrollment.entity';
import { ProgrammeCategory } from '../src/modules/programme/programme.entity';
import { QualificationKind } from '../src/modules/qualification/qualification.enums';
import { ProviderLevel } from '../src/modules/training-class/provider.entity';
import { TrainingMode, type TrainingClass } from '../src/modules/training-class/training-class.entity';
import { classification, policy } from '../src/policy';
import { trainingSubgraph } from '../src/subgraph';
import { createTrainingClass } from './factories';
import { usePersonnelFactory } from '../../personnel/test/factories';

// Nominations and enrollment writes ask the real personnel subgraph where the cadre is.
const harness = useSubgraphHarness(trainingSubgraph, { peers: ['personnel'] });
const personnel = usePersonnelFactory();

const db = () => harness.subgraph.dataSource;
const ALL_SCOPES = Object.values(Scope);
const caller = (role: Role, units: string[] | null, scopes: string[] = []): Identity => ({
  subject: `test:${role}`,
  role,
  agency: role === Role.PARTNER ? 'Sở thử' : null,
  scopes,
  units,
});

/** A cadre in a unit of their own (made by personnel's factory), and that unit. */
async function cadreWithUnit(): Promise<{ cadreId: string; unitId: string }> {
  const { id, orgUnitId } = await personnel().cadre({ dateOfBirth: '1990-03-03' });
  return { cadreId: id, unitId: orgUnitId };
}

interface UserErrorShape {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}
type Payload = { errors: UserErrorShape[] } & Record<string, unknown>;

async function mutate(mutation: string, input: Record<string, unknown>, identity: Identity) {
  const name = must(/\{\s*(\w+)/.exec(mutation)?.[1], 'a mutation names its field');
  const result = await harness.query<Record<string, Payload>>(mutation, { input }, identity);
  return { result, payload: result.body.data?.[name] ?? null };
}

const INTERMEDIATE = { grantsKind: QualificationKind.POLITICAL_THEORY, grantsLevel: 'INTERMEDIATE' };
const futureClass = (overrides: Partial<TrainingClass> = {}) =>
  createTrainingClass(db(), { startDate: '2027-01-04', endDate: '2027-06-30', ...overrides }, INTERMEDIATE);

describe('the province’s catalogue is written by ADMIN only', () => {
  const writes: [string, () => Promise<Record<string, unknown>>][] = [
    [
      'createProgramme',
      async () => ({
        code: `P-${randomUUID().slice(0, 8)}`,
        name: 'Chương trình thử',
        category: ProgrammeCategory.LEADERSHIP,
      }),
    ],
    [
      'createProvider',
      async () => ({
        code: `V-${randomUUID().slice(0, 8)}`,
        name: 'Cơ sở thử',
        country: 'VN',
        level: ProviderLevel.PROVINCIAL,
      }),
    ],
    [
      'createTrainingClass',
      async () => {
        const existing = await futureClass();
        return {
          code: `C-${randomUUID().slice(0, 8)}`,
          programmeId: existing.programmeId,
          providerId: existing.providerId,
          mode: TrainingMode.CONCENTRATED,
          place: 'Điện Biên',
          startDate: '2027-01-04',
          endDate: '2027-02-04',
          maxSize: 30,
        };
      },
    ],
  ];
  const inputTypes: Record<string, string> = {
    createProgramme: 'CreateProgrammeInput',
    createProvider: 'CreateProviderInput',
    createTrainingClass: 'CreateTrainingClassInput',
  };

  it.each(writes)('refuses %s to an ORGANIZER of a subtree and changes nothing; ADMIN may', async (name, input) => {
    const { unitId } = await cadreWithUnit();
    const values = await input();
    const mutation = `mutation ($input: ${inputTypes[name]}!) { ${name}(input: $input) { errors { code reason field message } } }`;
    const refused = await mutate(mutation, values, caller(Role.ORGANIZER, [unitId]));
    expect(refused.result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const table = { createProgramme: 'programme', createProvider: 'provider', createTrainingClass: 'training_class' }[
      name
    ];
    expect(await db().query(`SELECT 1 FROM ${table} WHERE code = $1`, [values.code])).toHaveLength(0);
    const allowed = await mutate(mutation, values, caller(Role.ADMIN, null));
    expect(allowed.payload?.errors).toEqual([]);
  });
});

describe('a class’s seat count is the province’s class size', () => {
  it('is read by those who nominate (ADMIN, ORGANIZER); VIEWER and PARTNER get the class without it', async () => {
    const trainingClass = await futureClass();
    const query = `query ($id: ID!) { trainingClass(id: $id) { id maxSize seatsTaken } }`;
    for (const role of [Role.VIEWER, Role.PARTNER]) {
      const result = await harness.query<{ trainingClass: { id: string; seatsTaken: number | null } }>(
        query,
        { id: trainingClass.id },
        caller(role, [randomUUID()]),
      );
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(result.body.data!.trainingClass).toEqual({ id: trainingClass.id, maxSize: 60, seatsTaken: null });
    }
    const organizer = await harness.query<{ trainingClass: { seatsTaken: number | null } }>(
      query,
      { id: trainingClass.id },
      caller(Role.ORGANIZER, [randomUUID()]),
    );
    expect(organizer.body.data!.trainingClass.seatsTaken).toBe(0);
  });
});

describe('plans and quotas stay in the caller’s units', () => {
  const CREATE_PLAN = `mutation ($input: CreateTrainingPlanInput!) { createTrainingPlan(input: $input) { plan { id } errors { code reason field message } } }`;
  const plan = (programmeId: string, orgUnitId: string | null) => ({
    code: `K-${randomUUID().slice(0, 8)}`,
    name: 'Kế hoạch thử',
    year: 2027,
    quotas: [{ programmeId, mode: TrainingMode.CONCENTRATED, orgUnitId, quota: 5 }],
  });

  it('refuses an ORGANIZER a quota for another unit exactly as one for a unit nobody has, and writes nothing', async () => {
    const [{ unitId: own }, { unitId: other }] = [await cadreWithUnit(), await cadreWithUnit()];
    const trainingClass = await futureClass();
    const organizer = caller(Role.ORGANIZER, [own]);
    const forOther = plan(trainingClass.programmeId, other);
    const outside = await mutate(CREATE_PLAN, forOther, organizer);
    const unknown = await mutate(CREATE_PLAN, plan(trainingClass.programmeId, randomUUID()), organizer);
    expect(outside.payload!.errors).toEqual([
      { code: 'BAD_USER_INPUT', reason: 'NOT_FOUND', field: 'quotas.0.orgUnitId', message: expect.any(String) },
    ]);
    expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
    expect(outside.result.text).not.toContain(other);
    expect(await db().query(`SELECT 1 FROM training_plan WHERE code = $1`, [forOther.code])).toHaveLength(0);
    // Their own unit's quota is theirs to set; a province-wide one is ADMIN's.
    expect((await mutate(CREATE_PLAN, plan(trainingClass.programmeId, own), organizer)).payload!.errors).toEqual([]);
    expect(
      (await mutate(CREATE_PLAN, plan(trainingClass.programmeId, null), organizer)).result.body.errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('does not let a nomination count against, or learn of, another unit’s quota', async () => {
    const [{ cadreId, unitId: own }, { unitId: other }] = [await cadreWithUnit(), await cadreWithUnit()];
    const trainingClass = await futureClass();
    const [plan] = await db().query(
      `INSERT INTO training_plan (code, name, year) VALUES ($1, 'Thử', 2027) RETURNING id`,
      [`K-${randomUUID().slice(0, 8)}`],
    );
    const [quota] = await db().query(
      `INSERT INTO quota (plan_id, programme_id, mode, org_unit_id, quota) VALUES ($1, $2, 'CONCENTRATED', $3, 1) RETURNING id`,
      [plan.id, trainingClass.programmeId, other],
    );
    const NOMINATE = `mutation ($input: NominateInput!) { nominate(input: $input) { enrollment { id } errors { code reason field message } } }`;
    const organizer = caller(Role.ORGANIZER, [own]);
    const outside = await mutate(NOMINATE, { cadreId, classId: trainingClass.id, quotaId: quota.id }, organizer);
    const unknown = await mutate(NOMINATE, { cadreId, classId: trainingClass.id, quotaId: randomUUID() }, organizer);
    expect(outside.payload!.errors).toEqual([
      { code: 'NOT_FOUND', reason: null, field: 'quotaId', message: expect.any(String) },
    ]);
    expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
    expect(await db().query(`SELECT 1 FROM enrollment WHERE cadre_id = $1`, [cadreId])).toHaveLength(0);
    // The quota's plan, read by the same organizer, does not show the other unit's quota either.
    const plans = await harness.query<{ trainingPlans: { id: string; quotas: { id: string }[] }[] }>(
      `{ trainingPlans(year: 2027) { id quotas { id } } }`,
      {},
      organizer,
    );
    expect(plans.body.data!.trainingPlans.find((p) => p.id === plan.id)?.quotas).toEqual([]);
  });

  it('records the unit that nominated a trainee, from personnel', async () => {
    const { cadreId, unitId } = await cadreWithUnit();
    const trainingClass = await futureClass();
    const NOMINATE = `mutation ($input: NominateInput!) { nominate(input: $input) { enrollment { id } errors { code } } }`;
    const { payload } = await mutate(
      NOMINATE,
      { cadreId, classId: trainingClass.id },
      caller(Role.ORGANIZER, [unitId]),
    );
    expect(payload!.errors).toEqual([]);
    expect(await db().query(`SELECT org_unit_id AS "unitId" FROM enrollment WHERE cadre_id = $1`, [cadreId])).toEqual([
      { unitId },
    ]);
  });
});

describe('an enrollment outside the caller’s subtrees answers exactly as one that does not exist', () => {
  const mutations: [string, string, (enrollmentId: string) => Record<string, unknown>][] = [
    ['changeEnrollmentStatus', 'ChangeEnrollmentStatusInput', (enrollmentId) => ({ enrollmentId, status: 'ADMITTED' })],
    ['giveClassFeedback', 'FeedbackInput', (enrollmentId) => ({ enrollmentId, score: 4 })],
    ['breakStudyCommitment', 'BreakCommitmentInput', (enrollmentId) => ({ enrollmentId, brokenOn: '2028-01-01' })],
  ];

  it.each(mutations)('%s: same code, same message, no id, and nothing changed', async (name, inputType, input) => {
    const [{ cadreId }, { unitId: own }] = [await cadreWithUnit(), await cadreWithUnit()];
    const trainingClass = await futureClass();
    const enrollment = await db()
      .getRepository(Enrollment)
      .save({ cadreId, classId: trainingClass.id, status: EnrollmentStatus.NOMINATED });
    const mutation = `mutation ($input: ${inputType}!) { ${name}(input: $input) { errors { code reason field message } } }`;
    const organizer = caller(Role.ORGANIZER, [own]);
    const outside = await mutate(mutation, input(enrollment.id), organizer);
    const unknown = await mutate(mutation, input(randomUUID()), organizer);
    expect(outside.payload!.errors).toEqual([
      { code: 'NOT_FOUND', reason: null, field: 'enrollmentId', message: expect.any(String) },
    ]);
    expect(outside.payload!.errors).toEqual(unknown.payload!.errors);
    expect(outside.result.text).not.toContain(cadreId);
    expect(outside.result.text).not.toContain(enrollment.id);
    expect((await db().getRepository(Enrollment).findOneByOrFail({ id: enrollment.id })).status).toBe(
      EnrollmentStatus.NOMINATED,
    );
  });

  it('a class looked up by an id nobody has is refused without echoing it', async () => {
    const id = randomUUID();
    const result = await harness.query(`query ($id: ID!) { trainingClass(id: $id) { id } }`, { id });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.text).not.toContain(id);
  });
});

describe('statistics are computed over the caller’s units', () => {
  /**
   * Two communes send trainees to the same classes, which start in a period no other test uses; a
   * VIEWER of one commune must get exactly what SQL counts over that commune.
   */
  async function twoCommunes() {
    const year = randomInt(2200, 9000);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [commune, other] = [randomUUID(), randomUUID()];
    const [central] = await db().query(
      `INSERT INTO provider (code, name, country, level) VALUES ($1, 'Học viện thử', 'VN', 'CENTRAL') RETURNING id`,
      [`V-${randomUUID().slice(0, 8)}`],
    );
    const classes: [TrainingClass, TrainingClass] = [
      await createTrainingClass(
        db(),
        { startDate: `${year}-02-01`, endDate: `${year}-06-30`, providerId: central.id },
        INTERMEDIATE,
      ),
      await createTrainingClass(
        db(),
        { startDate: `${year}-03-01`, endDate: `${year}-07-31`, providerId: central.id },
        INTERMEDIATE,
      ),
    ];
    // Plans are dated 2000–2100 (a database CHECK); their code tells this test's rows from others'.
    const planYear = randomInt(2040, 2101);
    const planCode = `K-${randomUUID().slice(0, 8)}`;
    const [plan] = await db().query(
      `INSERT INTO training_plan (code, name, year) VALUES ($1, 'Thử', $2) RETURNING id`,
      [planCode, planYear],
    );
    const quota = async (programmeId: string, mode: string, unit: string | null) =>
      (
        await db().query(
          `INSERT INTO quota (plan_id, programme_id, mode, org_unit_id, quota) VALUES ($1, $2, $3, $4, 10) RETURNING id`,
          [plan.id, programmeId, mode, unit],
        )
      )[0].id as string;
    const provinceQuota = await quota(classes[0].programmeId, 'CONCENTRATED', null);
    const otherQuota = await quota(classes[1].programmeId, 'CONCENTRATED', other);
    const rows: Partial<Enrollment>[] = [];
    const send = (
      unit: string,
      trainingClass: TrainingClass,
      status: EnrollmentStatus,
      count: number,
      quotaId: string | null,
    ) => {
      for (let i = 0; i < count; i++)
        rows.push({ cadreId: randomUUID(), orgUnitId: unit, classId: trainingClass.id, status, quotaId });
    };
    send(commune, classes[0], EnrollmentStatus.COMPLETED, 3, provinceQuota);
    send(commune, classes[0], EnrollmentStatus.NOT_COMPLETED, 1, provinceQuota);
    send(other, classes[0], EnrollmentStatus.COMPLETED, 5, provinceQuota);
    send(other, classes[1], EnrollmentStatus.COMPLETED, 7, otherQuota);
    await db().getRepository(Enrollment).insert(rows);
    return { year: planYear, planCode, from, to, commune, other, classes };
  }

  /** What SQL counts over the commune: trainees holding seats, by class, in the period. */
  async function sqlOver(units: string[], from: string, to: string) {
    const [row] = await db().query(
      `SELECT count(*)::int AS trainees, count(DISTINCT e.class_id)::int AS classes,
              count(*) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE e.status = 'NOT_COMPLETED')::int AS "notCompleted"
         FROM enrollment e JOIN training_class c ON c.id = e.class_id
        WHERE e.org_unit_id = ANY($1) AND holds_seat(e.status) AND c.start_date BETWEEN $2 AND $3`,
      [units, from, to],
    );
    return row as { trainees: number; classes: number; completed: number; notCompleted: number };
  }

  const STATISTICS = `query ($from: LocalDate, $to: LocalDate, $year: Int) {
    classSizeStatistics(from: $from, to: $to) { classes trainees largestClass }
    traineesByCategory(from: $from, to: $to) { classes trainees }
    completionRates(from: $from, to: $to) { completed notCompleted }
    centralCourseAttendance(from: $from, to: $to) { trainees }
    quotaFulfilment(year: $year) { planCode orgUnitId quota nominated sent }
    selectionRatioCompliance(year: $year) { planCode concentrated }
  }`;
  interface Figures {
    classSizeStatistics: { classes: number; trainees: number; largestClass: number }[];
    traineesByCategory: { classes: number; trainees: number }[];
    completionRates: { completed: number; notCompleted: number }[];
    centralCourseAttendance: { trainees: number }[];
    quotaFulfilment: { planCode: string; orgUnitId: string | null; quota: number; nominated: number; sent: number }[];
    selectionRatioCompliance: { planCode: string; concentrated: number }[];
  }
  const sum = <T>(rows: T[], key: keyof T) => rows.reduce((total, row) => total + Number(row[key]), 0);

  it('gives a commune VIEWER its own figures, equal to a SQL count over that commune, in one statement each', async () => {
    const { year, planCode, from, to, commune, other } = await twoCommunes();
    const figures = async (identity: Identity) => {
      const result = await harness.query<Figures>(STATISTICS, { from, to, year }, identity);
      expect(result.body.errors).toBeUndefined();
      return result.body.data!;
    };
    const viewer = await figures(caller(Role.VIEWER, [commune]));
    const expected = await sqlOver([commune], from, to);
    expect(expected).toEqual({ trainees: 4, classes: 1, completed: 3, notCompleted: 1 });
    expect(sum(viewer.classSizeStatistics, 'trainees')).toBe(expected.trainees);
    expect(sum(viewer.classSizeStatistics, 'classes')).toBe(expected.classes);
    expect(Math.max(...viewer.classSizeStatistics.map((r) => r.largestClass))).toBe(4);
    expect(sum(viewer.traineesByCategory, 'trainees')).toBe(expected.trainees);
    expect(sum(viewer.traineesByCategory, 'classes')).toBe(expected.classes);
    expect(sum(viewer.centralCourseAttendance, 'trainees')).toBe(expected.trainees);
    expect(sum(viewer.completionRates, 'completed')).toBe(expected.completed);
    expect(sum(viewer.completionRates, 'notCompleted')).toBe(expected.notCompleted);
    // The province-wide quota shows the commune's share of it; the other commune's quota not at all.
    const ofThisPlan = <T extends { planCode: string }>(rows: T[]) => rows.filter((r) => r.planCode === planCode);
    expect(ofThisPlan(viewer.quotaFulfilment)).toEqual([
      { planCode, orgUnitId: null, quota: 10, nominated: 4, sent: 4 },
    ]);
    expect(ofThisPlan(viewer.selectionRatioCompliance)).toEqual([{ planCode, concentrated: 4 }]);

    // ADMIN counts both communes; the other commune's VIEWER its own.
    const admin = await figures(caller(Role.ADMIN, null));
    expect(sum(admin.classSizeStatistics, 'trainees')).toBe((await sqlOver([commune, other], from, to)).trainees);
    expect(sum(admin.classSizeStatistics, 'trainees')).toBe(16);
    const otherViewer = await figures(caller(Role.VIEWER, [other]));
    expect(sum(otherViewer.classSizeStatistics, 'trainees')).toBe((await sqlOver([other], from, to)).trainees);
  });

  it('refuses every statistic to a PARTNER', async () => {
    const { from, to, year, commune } = await twoCommunes();
    const result = await harness.query(
      STATISTICS,
      { from, to, year },
      caller(Role.PARTNER, [commune], ['pii:read', 'evaluation:read']),
    );
    expect(result.body.data).toBeNull();
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['FORBIDDEN']));
  });

  it('costs one SQL statement per statistic, whatever the caller’s scope', async () => {
    const { from, to, commune } = await twoCommunes();
    const query = `query ($from: LocalDate, $to: LocalDate) { classSizeStatistics(from: $from, to: $to) { trainees } }`;
    const scoped = await harness.query(
      query,
      { from, to },
      caller(Role.VIEWER, [commune, ...Array.from({ length: 150 }, () => randomUUID())]),
    );
    expect(scoped.sqlStatements).toBe(1);
  });
});

describe('the classification is what runs', () => {
  /** A call of each root field and mutation, with arguments that parse: the refusal must come first. */
  const id = randomUUID();
  const calls: Record<string, string> = {
    programmes: `{ programmes { id } }`,
    providers: `{ providers { id } }`,
    trainingClass: `{ trainingClass(id: "${id}") { id } }`,
    trainingPlans: `{ trainingPlans { id } }`,
    quotaFulfilment: `{ quotaFulfilment { quota } }`,
    classSizeStatistics: `{ classSizeStatistics { classes } }`,
    traineesByCategory: `{ traineesByCategory { classes } }`,
    completionRates: `{ completionRates { completed } }`,
    selectionRatioCompliance: `{ selectionRatioCompliance { compliant } }`,
    centralCourseAttendance: `{ centralCourseAttendance { trainees } }`,
    trainingMutationAudit: `{ trainingMutationAudit { id } }`,
    trainingReadAudit: `{ trainingReadAudit { id } }`,
    nominate: `mutation { nominate(input: { cadreId: "${id}", classId: "${id}" }) { errors { code } } }`,
    importClassRosters: `mutation { importClassRosters(input: { rows: [], dryRun: true }) { committed } }`,
    changeEnrollmentStatus: `mutation { changeEnrollmentStatus(input: { enrollmentId: "${id}", status: ADMITTED }) { errors { code } } }`,
    giveClassFeedback: `mutation { giveClassFeedback(input: { enrollmentId: "${id}", score: 4 }) { errors { code } } }`,
    breakStudyCommitment: `mutation { breakStudyCommitment(input: { enrollmentId: "${id}", brokenOn: "2028-01-01" }) { errors { code } } }`,
    recordPriorQualification: `mutation { recordPriorQualification(input: { cadreId: "${id}", kind: POLITICAL_THEORY, title: "A", awardedOn: "2020-01-01" }) { errors { code } } }`,
    createTrainingPlan: `mutation { createTrainingPlan(input: { code: "x", name: "x", year: 2027, quotas: [] }) { errors { code } } }`,
    createProgramme: `mutation { createProgramme(input: { code: "x", name: "x", category: LEADERSHIP }) { errors { code } } }`,
    createProvider: `mutation { createProvider(input: { code: "x", name: "x", country: "VN", level: PROVINCIAL }) { errors { code } } }`,
    createTrainingClass: `mutation { createTrainingClass(input: { code: "x", programmeId: "${id}", providerId: "${id}", mode: CONCENTRATED, place: "x", startDate: "2027-01-01", endDate: "2027-02-01", maxSize: 1 }) { errors { code } } }`,
    defineTrainingRuleSetting: `mutation { defineTrainingRuleSetting(input: { key: "NOMINATION_CANDIDATE_RATIO", value: 1.3, legalBasis: "A", effectiveFrom: "2030-01-01" }) { errors { code } } }`,
  };

  it('refuses every root field and mutation whose action a role may not take, with no SQL run', async () => {
    let checked = 0;
    for (const root of ['Query', 'Mutation']) {
      for (const [field, decision] of Object.entries(
        must(classification.fields[root], 'both root types are classified'),
      )) {
        for (const role of [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER]) {
          const identity = caller(
            role,
            role === Role.ADMIN ? null : [randomUUID()],
            role === Role.PARTNER ? ALL_SCOPES : [],
          );
          const allowed =
            decision === 'public' ||
            decision === 'with-parent' ||
            (decision === 'admin-only'
              ? role === Role.ADMIN
              : 'action' in decision && policy.allows(identity, decision.action));
          if (allowed) continue;
          expect({ field, call: calls[field] !== undefined }).toEqual({ field, call: true });
          const result = await harness.query(must(calls[field], 'checked just above'), {}, identity);
          expect({
            field,
            role,
            codes: result.body.errors?.map((e) => e.extensions?.code),
            sql: result.sqlStatements,
          }).toEqual({ field, role, codes: ['FORBIDDEN'], sql: 0 });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
