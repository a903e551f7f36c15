import { startSubgraphHarness, useSubgraphHarness } from '@cadres/testing';
import { Sex } from '../src/modules/cadre/cadre.entity';
import { OrgUnitLevel } from '../src/modules/org-unit/org-unit.entity';
import type { Title } from '../src/modules/title/title.entity';
import { addDays, addYears, must, today } from '@cadres/core';
import { personnelSubgraph } from '../src/subgraph';
import { usePlanningFactory } from '../../planning/test/factories';
import { inTransaction } from '../src/database-errors';
import type { EntityManager } from 'typeorm';
import {
  appoint,
  cadreBorn,
  createOrgUnit,
  createTitle,
  decision,
  matchingPersonalId,
  type Harness,
  type UserErrorShape,
} from './career-fixtures';

// Rule 8 asks the real planning subgraph over HTTP, as in production.
const harness = useSubgraphHarness(personnelSubgraph, { peers: ['planning'] });
// Rule 8's facts are planning's rows, made by planning's own factory.
const planning = usePlanningFactory();

const reasonOf = (errors: UserErrorShape[]) => errors.map((e) => `${e.code}/${e.reason}`);

async function waitsOnALock(pid: number): Promise<boolean> {
  const rows = await harness.subgraph.dataSource.query<unknown[]>(
    'SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted',
    [pid],
  );
  return rows.length > 0;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A cadre born on `born` in a fresh unit, and a fresh title of that unit's level (a head title
 * with one seat unless `titleOverrides` say otherwise), the cadre in the approved planning for it
 * unless `planned` is false: what nearly every appointment case starts from.
 */
async function inPost(
  born = '1985-06-01',
  titleOverrides: Partial<Title> = {},
  { planned = true, on = harness }: { planned?: boolean; on?: Harness } = {},
) {
  const unit = await createOrgUnit(on.subgraph.dataSource);
  const title = await createTitle(on.subgraph.dataSource, titleOverrides);
  const cadre = await cadreBorn(on, born, Sex.MALE, unit.id);
  if (planned) await planning().approvedEntry(cadre.id, title.id, { startYear: 2010, endYear: 2035 });
  return { unit, title, cadre, ids: { cadreId: cadre.id, titleId: title.id, orgUnitId: unit.id } };
}

type PostIds = Awaited<ReturnType<typeof inPost>>['ids'];

/** Records an appointment decision that the rules must accept, and returns it. */
async function appointed(ids: PostIds, kind: string, effectiveOn: string) {
  const result = await appoint(harness, { ...ids, kind, effectiveOn });
  expect(result.errors).toEqual([]);
  return result.appointment!;
}

/** The refusals of an appointment decision, as `CODE/REASON`. */
async function refusalOf(ids: PostIds, kind: string, effectiveOn: string) {
  return reasonOf((await appoint(harness, { ...ids, kind, effectiveOn })).errors);
}

describe('rule 7: five-year terms, two consecutive terms as head', () => {
  it('computes the term end from the decision’s effective date', async () => {
    const { ids } = await inPost();
    const result = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2021-03-15' });
    expect(result.errors).toEqual([]);
    expect(result.appointment).toMatchObject({ kind: 'FIRST', effectiveOn: '2021-03-15', termEndsOn: '2026-03-15' });
  });

  it('refuses a third consecutive term as head', async () => {
    const { ids } = await inPost();
    await appointed(ids, 'FIRST', '2015-01-05');
    const second = await appoint(harness, { ...ids, kind: 'REAPPOINTMENT', effectiveOn: '2019-12-02' });
    expect(second.errors).toEqual([]);
    expect(second.appointment?.termEndsOn).toBe('2024-12-02');
    const third = await appoint(harness, { ...ids, kind: 'REAPPOINTMENT', effectiveOn: '2024-11-04' });
    expect(reasonOf(third.errors)).toEqual(['RULE_VIOLATION/TERM_LIMIT_REACHED']);
  });

  // Issue 15, item 1: FIRST 2016, REAPPOINTMENT 2021, RESIGNATION, then FIRST again the next day.
  async function twoTermsThenResign(resignOn: string) {
    const { ids } = await inPost('1975-06-01');
    await appointed(ids, 'FIRST', '2016-03-01');
    await appointed(ids, 'REAPPOINTMENT', '2021-02-01');
    expect(await refusalOf(ids, 'REAPPOINTMENT', '2026-01-05')).toEqual(['RULE_VIOLATION/TERM_LIMIT_REACHED']);
    await appointed(ids, 'RESIGNATION', resignOn);
    return ids;
  }

  it('counts consecutive terms in the same post across assignments: resigning and a new FIRST is a third term', async () => {
    const ids = await twoTermsThenResign('2025-06-02');
    const again = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2025-06-03' });
    expect(reasonOf(again.errors)).toEqual(['RULE_VIOLATION/TERM_LIMIT_REACHED']);
    // Nor does a gap shorter than the reset gap (60 months by default) start a new run.
    expect(await refusalOf(ids, 'FIRST', '2030-05-30')).toEqual(['RULE_VIOLATION/TERM_LIMIT_REACHED']);
  });

  it('starts a new run after a break of the reset gap (60 months by default)', async () => {
    const ids = await twoTermsThenResign('2022-06-01');
    // Five years after leaving the post, a new FIRST is a first term again.
    await appointed(ids, 'FIRST', '2027-06-01');
  });

  it('reads the reset gap as a versioned setting', async () => {
    const defined = await harness.query<{ definePersonnelRuleSetting: { errors: UserErrorShape[] } }>(
      `mutation ($input: DefineRuleSettingInput!) { definePersonnelRuleSetting(input: $input) { errors { code reason field } } }`,
      {
        input: {
          key: 'CONSECUTIVE_TERMS_RESET_GAP_MONTHS',
          value: 12,
          legalBasis: 'Thử nghiệm',
          effectiveFrom: '2092-01-01',
        },
      },
    );
    expect(defined.body.data?.definePersonnelRuleSetting.errors).toEqual([]);
    const { ids } = await inPost('2050-01-01');
    await planning().approvedEntry(ids.cadreId, ids.titleId, { startYear: 2080, endYear: 2099 });
    await appointed(ids, 'FIRST', '2080-01-02');
    await appointed(ids, 'REAPPOINTMENT', '2084-12-04');
    await appointed(ids, 'RESIGNATION', '2089-01-02');
    // Under the default, 3 years later is still consecutive; from 2092, 12 months break the run.
    expect(await refusalOf(ids, 'FIRST', '2091-12-31')).toEqual(['RULE_VIOLATION/TERM_LIMIT_REACHED']);
    await appointed(ids, 'FIRST', '2092-01-02');
  });

  it('lets a deputy (not a head) be reappointed again', async () => {
    const { ids } = await inPost('1985-06-01', { isHead: false, maxHolders: 3 });
    await appointed(ids, 'FIRST', '2015-01-05');
    await appointed(ids, 'REAPPOINTMENT', '2019-12-02');
    await appointed(ids, 'REAPPOINTMENT', '2024-11-04');
  });
});

describe('rule 8: five years of service left and in the planning for a first appointment', () => {
  it('refuses a cadre with under five years left', async () => {
    // A man born March 1970 retires at 62 in March 2032: 4.2 years left on 2028-01-03.
    const { ids } = await inPost('1970-03-12');
    const result = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2028-01-03' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/INSUFFICIENT_SERVICE_LEFT']);
  });

  it('accepts the same cadre with over five years left', async () => {
    const { ids } = await inPost('1970-03-12');
    await appointed(ids, 'FIRST', '2026-01-05');
  });

  it('refuses a cadre not in the planning for the title, after asking the planning subgraph', async () => {
    const { ids } = await inPost();
    const otherTitle = await createTitle(harness.subgraph.dataSource);
    const result = await appoint(harness, { ...ids, titleId: otherTitle.id, kind: 'FIRST', effectiveOn: '2026-01-05' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/NOT_IN_PLANNING']);
  });

  it('refuses rather than guesses when the planning subgraph cannot answer', async () => {
    const isolated = await startSubgraphHarness(personnelSubgraph, { PLANNING_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const { ids } = await inPost('1985-01-01', {}, { planned: false, on: isolated });
      const result = await appoint(isolated, { ...ids, kind: 'FIRST', effectiveOn: '2026-01-05' });
      expect(reasonOf(result.errors)).toEqual(['DEPENDENCY_UNAVAILABLE/PLANNING_CHECK_UNAVAILABLE']);
    } finally {
      await isolated.stop();
    }
  });

  it('does not ask for planning for an acting appointment', async () => {
    const { ids } = await inPost('1985-01-01', {}, { planned: false });
    expect((await appointed(ids, 'ACTING', '2026-01-05')).termEndsOn).toBeNull();
  });
});

describe('rules 8 and 11: years of service counted by the calendar (issue 15, item 4)', () => {
  // A man born 2 March 1969 retires at 62 on 2 March 2031; 2026-03-02 → 2031-03-02 holds one
  // 29 February (2028): 1826 days, which 365.2425-day years made 4.9994.
  it('accepts a first appointment with exactly five calendar years left, and refuses it a day later', async () => {
    const { ids } = await inPost('1969-03-02');
    expect(await refusalOf(ids, 'FIRST', '2026-03-03')).toEqual(['RULE_VIOLATION/INSUFFICIENT_SERVICE_LEFT']);
    await appointed(ids, 'FIRST', '2026-03-02');
  });

  it('counts a cadre born on 29 February to 28 February of a common year', async () => {
    // Born 29 February 1968: retires at 62 on 28 February 2030; five years before is 28 February 2025.
    const { ids, cadre } = await inPost('1968-02-29');
    const left = await harness.query<{ cadre: { retirementDate: string; yearsOfServiceLeft: number } }>(
      `query ($id: ID!) { cadre(id: $id) { retirementDate yearsOfServiceLeft(at: "2025-02-28") } }`,
      { id: cadre.id },
    );
    expect(left.body.data?.cadre).toEqual({ retirementDate: '2030-02-28', yearsOfServiceLeft: 5 });
    expect(await refusalOf(ids, 'FIRST', '2025-03-01')).toEqual(['RULE_VIOLATION/INSUFFICIENT_SERVICE_LEFT']);
    await appointed(ids, 'FIRST', '2025-02-28');
  });

  it('rotates a cadre with exactly ten calendar years left, not one with a day less', async () => {
    // 2021-03-02 → 2031-03-02 holds two 29 Februaries: 3652 days, 9.9988 "years" of 365.2425 days.
    const rotate = async (effectiveOn: string) => {
      const { cadre } = await inPost('1969-03-02');
      const destination = await createOrgUnit(harness.subgraph.dataSource);
      return move({
        cadreId: cadre.id,
        kind: 'ROTATION',
        toOrgUnitId: destination.id,
        effectiveOn,
        plannedEndOn: '2025-01-05',
      });
    };
    expect(reasonOf((await rotate('2021-03-03')).errors)).toEqual([
      'RULE_VIOLATION/INSUFFICIENT_SERVICE_LEFT_FOR_ROTATION',
    ]);
    expect((await rotate('2021-03-02')).errors).toEqual([]);
  });
});

describe('titles are held only in units of their level (issue 15, item 7)', () => {
  it('refuses a commune chair’s title in a provincial department, through the API and in the database', async () => {
    const { ids, unit } = await inPost('1985-06-01', { level: OrgUnitLevel.COMMUNE });
    const result = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2026-01-05' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/TITLE_NOT_AT_UNIT_LEVEL']);
    expect(await refusalOf(ids, 'ACTING', '2026-01-05')).toEqual(['RULE_VIOLATION/TITLE_NOT_AT_UNIT_LEVEL']);
    // A writer going around the service meets the database's foreign key.
    const decisionId = await decision(harness, '2026-01-05');
    await expect(
      harness.subgraph.dataSource.query(
        `INSERT INTO assignment (cadre_id, title_id, org_unit_id, starts_on, single_holder, decision_id) VALUES ($1, $2, $3, '2026-01-05', true, $4)`,
        [ids.cadreId, ids.titleId, unit.id, decisionId],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23503', constraint: 'assignment_title_at_unit_level' } });
  });

  it('accepts the title in a unit of its level, and then refuses moving the title to another level', async () => {
    const commune = await createOrgUnit(harness.subgraph.dataSource, { level: OrgUnitLevel.COMMUNE });
    const { ids, title } = await inPost('1985-06-01', { level: OrgUnitLevel.COMMUNE });
    expect(
      (await appoint(harness, { ...ids, orgUnitId: commune.id, kind: 'FIRST', effectiveOn: '2026-01-05' })).errors,
    ).toEqual([]);
    await expect(
      harness.subgraph.dataSource.query(`UPDATE title SET level = 'PROVINCE' WHERE id = $1`, [title.id]),
    ).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
  });
});

describe('rule 9: retirement age by the Decree 135/2020 schedule', () => {
  it('exposes the retirement date and the years of service left on a date', async () => {
    const woman = await cadreBorn(harness, '1966-02-20', Sex.FEMALE);
    const result = await harness.query<{ cadre: { retirementDate: string; yearsOfServiceLeft: number } }>(
      `query ($id: ID!) { cadre(id: $id) { retirementDate yearsOfServiceLeft(at: "2020-06-20") } }`,
      { id: woman.id },
    );
    expect(result.body.data?.cadre).toEqual({ retirementDate: '2021-06-20', yearsOfServiceLeft: 1 });
  });
});

describe('rule 9: no appointment or move past retirement age (issue 15, item 6)', () => {
  it('refuses an acting appointment of a cadre retired since 2016', async () => {
    // A man born 10 January 1956 reached 60 on 10 January 2016.
    const { ids, cadre } = await inPost('1956-01-10', {}, { planned: false });
    expect(await refusalOf(ids, 'ACTING', '2026-01-05')).toEqual(['RULE_VIOLATION/RETIREMENT_AGE_REACHED']);
    expect(
      await harness.subgraph.dataSource.query('SELECT id FROM assignment WHERE cadre_id = $1', [cadre.id]),
    ).toEqual([]);
  });

  it('accepts an acting appointment the day before retirement and refuses it on the day', async () => {
    // Born 10 March 1966, a man retires on 10 December 2027 (61 years 9 months).
    const { ids } = await inPost('1966-03-10');
    expect(await refusalOf(ids, 'ACTING', '2027-12-10')).toEqual(['RULE_VIOLATION/RETIREMENT_AGE_REACHED']);
    await appointed(ids, 'ACTING', '2027-12-09');
  });

  it('refuses a first appointment and a transfer of a retired cadre', async () => {
    const { ids, cadre } = await inPost('1956-01-10');
    expect(await refusalOf(ids, 'FIRST', '2026-01-05')).toEqual(['RULE_VIOLATION/RETIREMENT_AGE_REACHED']);
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const transfer = await move({
      cadreId: cadre.id,
      kind: 'TRANSFER',
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
    });
    expect(reasonOf(transfer.errors)).toEqual(['RULE_VIOLATION/RETIREMENT_AGE_REACHED']);
  });
});

describe('rule 9: retirement ends every post (issue 15, item 5)', () => {
  const CAREER = `query ($id: ID!, $at: LocalDate!) { cadre(id: $id) {
    retirementDate
    currentAssignments(at: $at) { id }
    careerHistory { __typename ... on Assignment { id endsOn status } ... on Retirement { on endedAssignments { id } } } } }`;
  type Career = {
    retirementDate: string;
    currentAssignments: { id: string }[];
    careerHistory: {
      __typename: string;
      id?: string;
      endsOn?: string;
      status?: string;
      on?: string;
      endedAssignments?: { id: string }[];
    }[];
  };

  it('ends the post on the retirement date, shown as a derived event, and lists nothing held after it', async () => {
    // A man born 10 March 1964 retired on 10 June 2025 (61 years 3 months).
    const { ids, cadre } = await inPost('1964-03-10');
    const first = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2019-01-02' });
    expect(first.errors).toEqual([]);
    expect(first.appointment?.assignment.endsOn).toBe('2025-06-10');
    const career = await harness.query<{ cadre: Career }>(CAREER, { id: cadre.id, at: '2035-01-01' });
    expect(career.body.data?.cadre).toEqual({
      retirementDate: '2025-06-10',
      currentAssignments: [],
      careerHistory: [
        { __typename: 'Assignment', id: first.appointment!.assignment.id, endsOn: '2025-06-10', status: 'ENDED' },
        { __typename: 'Retirement', on: '2025-06-10', endedAssignments: [{ id: first.appointment!.assignment.id }] },
      ],
    });
    const dayBefore = await harness.query<{ cadre: Career }>(CAREER, { id: cadre.id, at: '2025-06-09' });
    expect(dayBefore.body.data?.cadre.currentAssignments).toEqual([{ id: first.appointment!.assignment.id }]);
  });

  it('frees a single-holder seat from the retirement date', async () => {
    const { ids, title, unit } = await inPost('1964-03-10');
    await appointed(ids, 'FIRST', '2019-01-02');
    const successor = await cadreBorn(harness, '1980-01-01', Sex.FEMALE, unit.id);
    await planning().approvedEntry(successor.id, title.id, { startYear: 2010, endYear: 2035 });
    const succeed = (effectiveOn: string) =>
      appoint(harness, { cadreId: successor.id, titleId: title.id, orgUnitId: unit.id, kind: 'FIRST', effectiveOn });
    expect(reasonOf((await succeed('2025-06-09')).errors)).toEqual(['CONFLICT/TITLE_ALREADY_HELD']);
    expect((await succeed('2025-06-10')).errors).toEqual([]);
  });

  it('keeps a post whose term ended without a decision, held pending one', async () => {
    const { ids, cadre } = await inPost();
    const first = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2020-06-01' });
    const status = async (at: string) =>
      (
        await harness.query<{ cadre: { currentAssignments: { id: string; status: string }[] } }>(
          `query ($id: ID!, $at: LocalDate!) { cadre(id: $id) { currentAssignments(at: $at) { id status(at: $at) } } }`,
          { id: cadre.id, at },
        )
      ).body.data?.cadre.currentAssignments;
    const id = first.appointment!.assignment.id;
    expect(await status('2025-05-31')).toEqual([{ id, status: 'IN_TERM' }]);
    expect(await status('2025-06-01')).toEqual([{ id, status: 'TERM_ENDED_PENDING_DECISION' }]);
  });

  it('moves the retirement end of a post when the birth date is corrected, and refuses a date that would retire the cadre before a post began', async () => {
    const { ids, cadre } = await inPost('1985-06-01');
    const first = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2026-01-05' });
    expect(first.appointment?.assignment.endsOn).toBe('2047-06-01');
    const update = (dateOfBirth: string) =>
      harness.query<{ updateCadre: { errors: UserErrorShape[] } }>(
        `mutation ($id: ID!, $input: UpdateCadreInput!) { updateCadre(id: $id, input: $input) { errors { code reason field } } }`,
        // The personal ID number encodes the year of birth: corrected with it.
        { id: cadre.id, input: { dateOfBirth, personalIdNumber: matchingPersonalId(Sex.MALE, dateOfBirth) } },
      );
    expect((await update('1980-06-01')).body.data?.updateCadre.errors).toEqual([]);
    const endsOn = async () =>
      must(
        (
          await harness.subgraph.dataSource.query<{ endsOn: string }[]>(
            `SELECT to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM assignment WHERE id = $1`,
            [first.appointment!.assignment.id],
          )
        )[0],
        'the assignment exists',
      ).endsOn;
    expect(await endsOn()).toBe('2042-06-01');
    expect((await update('1960-06-01')).body.data?.updateCadre.errors).toEqual([
      { code: 'RULE_VIOLATION', reason: 'RETIREMENT_BEFORE_ASSIGNMENT', field: 'dateOfBirth' },
    ]);
    expect(await endsOn()).toBe('2042-06-01');
  });
});

describe('rule 10: reappointment window and extension to retirement', () => {
  it('refuses a reappointment taking effect more than 90 working days before the term ends', async () => {
    const { ids } = await inPost();
    await appointed(ids, 'FIRST', '2020-06-01');
    const result = await appoint(harness, { ...ids, kind: 'REAPPOINTMENT', effectiveOn: '2024-06-03' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/RENEWAL_TOO_EARLY']);
  });

  it('refuses a reappointment after the term has ended', async () => {
    const { ids } = await inPost();
    await appointed(ids, 'FIRST', '2019-06-03');
    const result = await appoint(harness, { ...ids, kind: 'REAPPOINTMENT', effectiveOn: '2024-06-04' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/TERM_ALREADY_ENDED']);
  });

  it('requires extension to retirement when under two years remain at the term’s end', async () => {
    // Born March 1966: retires in 2027 at 61y9m; the term ending in 2026 leaves about 1.4 years.
    const { ids } = await inPost('1966-03-10');
    await appointed(ids, 'FIRST', '2021-06-01');
    const reappointment = await appoint(harness, { ...ids, kind: 'REAPPOINTMENT', effectiveOn: '2026-05-04' });
    expect(reasonOf(reappointment.errors)).toEqual(['RULE_VIOLATION/EXTENSION_REQUIRED']);
    const extension = await appoint(harness, { ...ids, kind: 'EXTENSION_TO_RETIREMENT', effectiveOn: '2026-05-04' });
    expect(extension.errors).toEqual([]);
    expect(extension.appointment?.termEndsOn).toBe('2027-12-10');
  });

  it('refuses extension to retirement when two years or more remain', async () => {
    const { ids } = await inPost();
    await appointed(ids, 'FIRST', '2021-06-01');
    const result = await appoint(harness, { ...ids, kind: 'EXTENSION_TO_RETIREMENT', effectiveOn: '2026-05-04' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/EXTENSION_NOT_APPLICABLE']);
  });

  it('refuses to renew or end an assignment the cadre does not hold', async () => {
    const { ids } = await inPost();
    for (const kind of ['REAPPOINTMENT', 'DISMISSAL']) {
      expect(reasonOf((await appoint(harness, { ...ids, kind, effectiveOn: '2026-05-04' })).errors)).toEqual([
        'RULE_VIOLATION/NOT_HOLDING_TITLE',
      ]);
    }
  });
});

const MOVE = `mutation ($input: RecordMobilityInput!) {
  recordMobility(input: $input) { mobility { id kind startsOn plannedEndOn fromOrgUnit { id } toOrgUnit { id } } errors { code reason field message } }
}`;

async function move(input: {
  cadreId: string;
  kind: string;
  toOrgUnitId: string;
  plannedEndOn?: string;
  effectiveOn: string;
}) {
  const decisionId = await decision(harness, input.effectiveOn);
  const { effectiveOn: _e, ...rest } = input;
  const result = await harness.query<{
    recordMobility: { mobility: { id: string; fromOrgUnit: { id: string } } | null; errors: UserErrorShape[] };
  }>(MOVE, {
    input: { purpose: 'Đào tạo, bồi dưỡng qua thực tiễn', ...rest, decisionId },
  });
  return result.body.data!.recordMobility;
}

describe('rule 11: rotation and secondment', () => {
  it('rotates a planned cadre for 36 months or more, from the unit they are in', async () => {
    const { cadre, unit } = await inPost();
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const result = await move({
      cadreId: cadre.id,
      kind: 'ROTATION',
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
      plannedEndOn: '2029-01-05',
    });
    expect(result.errors).toEqual([]);
    expect(result.mobility?.fromOrgUnit.id).toBe(unit.id);
  });

  it.each([
    ['shorter than 36 months', '1985-06-01', '2028-12-31', true, 'ROTATION_TOO_SHORT'],
    ['with under 10 years of service left', '1970-03-12', '2029-01-05', true, 'INSUFFICIENT_SERVICE_LEFT_FOR_ROTATION'],
    ['outside the planning pool', '1985-06-01', '2029-01-05', false, 'NOT_IN_PLANNING_POOL'],
  ])('refuses a rotation %s', async (_case, born, plannedEndOn, planned, reason) => {
    const cadre = planned ? (await inPost(born)).cadre : await cadreBorn(harness, born);
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const result = await move({
      cadreId: cadre.id,
      kind: 'ROTATION',
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
      plannedEndOn,
    });
    expect(reasonOf(result.errors)).toEqual([`RULE_VIOLATION/${reason}`]);
  });

  it('accepts a secondment of 36 months and refuses a longer one', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const long = await move({
      cadreId: cadre.id,
      kind: 'SECONDMENT',
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
      plannedEndOn: '2029-02-05',
    });
    expect(reasonOf(long.errors)).toEqual(['RULE_VIOLATION/SECONDMENT_TOO_LONG']);
    const ok = await move({
      cadreId: cadre.id,
      kind: 'SECONDMENT',
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
      plannedEndOn: '2029-01-05',
    });
    expect(ok.errors).toEqual([]);
  });

  it.each([
    ['a transfer with a planned end', 'TRANSFER', '2027-01-01', 'BAD_USER_INPUT/TRANSFER_IS_PERMANENT'],
    ['a secondment without a planned end', 'SECONDMENT', undefined, 'BAD_USER_INPUT/REQUIRED'],
    ['a secondment ending before it starts', 'SECONDMENT', '2025-12-31', 'BAD_USER_INPUT/END_BEFORE_START'],
  ])('refuses %s', async (_case, kind, plannedEndOn, expected) => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const result = await move({
      cadreId: cadre.id,
      kind,
      toOrgUnitId: destination.id,
      effectiveOn: '2026-01-05',
      plannedEndOn,
    });
    expect(reasonOf(result.errors)).toEqual([expected]);
  });
});

describe('rule 12: discipline blocks promotion', () => {
  async function discipline(cadreId: string, form: string, effectiveOn: string) {
    const decisionId = await decision(harness, effectiveOn);
    const result = await harness.query<{ recordDiscipline: { errors: UserErrorShape[] } }>(
      `mutation ($input: RecordDisciplineInput!) { recordDiscipline(input: $input) { discipline { id } errors { code reason } } }`,
      { input: { cadreId, form, reason: 'Vi phạm quy chế làm việc', decisionId } },
    );
    expect(result.body.data?.recordDiscipline.errors).toEqual([]);
  }

  it('refuses a promotion within 24 months of a reprimand and accepts it after', async () => {
    const { ids } = await inPost();
    await discipline(ids.cadreId, 'REPRIMAND', '2024-03-01');
    expect(await refusalOf(ids, 'FIRST', '2026-02-27')).toEqual(['RULE_VIOLATION/DISCIPLINE_BLOCK']);
    await appointed(ids, 'FIRST', '2026-03-02');
    const record = await harness.query<{ cadre: { disciplines: unknown[] } }>(
      `query ($id: ID!) { cadre(id: $id) { disciplines { form effectiveOn blocksPromotionUntil } } }`,
      {
        id: ids.cadreId,
      },
    );
    expect(record.body.data?.cadre.disciplines).toEqual([
      { form: 'REPRIMAND', effectiveOn: '2024-03-01', blocksPromotionUntil: '2026-03-01' },
    ]);
  });

  it('blocks for 60 months after removal from office', async () => {
    const { ids } = await inPost();
    await discipline(ids.cadreId, 'REMOVAL_FROM_OFFICE', '2022-01-03');
    expect(await refusalOf(ids, 'FIRST', '2026-12-01')).toEqual(['RULE_VIOLATION/DISCIPLINE_BLOCK']);
  });
});

const HOLDINGS = `query ($id: ID!, $at: LocalDate) { cadre(id: $id) { currentAssignments(at: $at) { id } orgUnit { id } } }`;

describe('rule 13: effective dates and cancellation', () => {
  it('does not apply a decision before its effective date', async () => {
    const { ids, cadre } = await inPost();
    const future = addDays(today(), 30);
    const result = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: future });
    expect(result.errors).toEqual([]);
    const now = await harness.query<{ cadre: { currentAssignments: { id: string }[] } }>(HOLDINGS, { id: cadre.id });
    expect(now.body.data?.cadre.currentAssignments).toEqual([]);
    const then = await harness.query<{ cadre: { currentAssignments: { id: string }[] } }>(HOLDINGS, {
      id: cadre.id,
      at: future,
    });
    expect(then.body.data?.cadre.currentAssignments).toEqual([{ id: result.appointment!.assignment.id }]);
  });

  it('moves a cadre to a transfer’s destination only from its effective date', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    expect(
      (
        await move({
          cadreId: cadre.id,
          kind: 'TRANSFER',
          toOrgUnitId: destination.id,
          effectiveOn: addDays(today(), 10),
        })
      ).errors,
    ).toEqual([]);
    const before = await harness.query<{ cadre: { orgUnit: { id: string } } }>(HOLDINGS, { id: cadre.id });
    expect(before.body.data?.cadre.orgUnit.id).toBe(cadre.orgUnitId);
    const other = await cadreBorn(harness, '1980-01-01');
    expect(
      (
        await move({
          cadreId: other.id,
          kind: 'TRANSFER',
          toOrgUnitId: destination.id,
          effectiveOn: addDays(today(), -1),
        })
      ).errors,
    ).toEqual([]);
    const after = await harness.query<{ cadre: { orgUnit: { id: string } } }>(HOLDINGS, { id: other.id });
    expect(after.body.data?.cadre.orgUnit.id).toBe(destination.id);
  });

  it('shows a transfer in effect in the payload of the write that records it', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const decisionId = await decision(harness, addDays(today(), -1));
    const result = await harness.query<{
      recordMobility: { mobility: { cadre: { orgUnit: { id: string } } } | null; errors: UserErrorShape[] };
    }>(
      `mutation ($input: RecordMobilityInput!) { recordMobility(input: $input) { mobility { cadre { orgUnit { id } } } errors { code reason field message } } }`,
      {
        input: {
          cadreId: cadre.id,
          kind: 'TRANSFER',
          toOrgUnitId: destination.id,
          purpose: 'Điều động theo yêu cầu công tác',
          decisionId,
        },
      },
    );
    expect(result.body.data?.recordMobility.errors).toEqual([]);
    // The write's access check loaded the cadre before the transfer; the payload reads it afresh.
    expect(result.body.data?.recordMobility.mobility?.cadre.orgUnit.id).toBe(destination.id);
  });

  async function cancel(decisionId: string) {
    const cancellingDecisionId = await decision(harness, today());
    const result = await harness.query<{
      cancelDecision: { decision: { cancelledBy: { id: string } } | null; errors: UserErrorShape[] };
    }>(
      `mutation ($input: CancelDecisionInput!) { cancelDecision(input: $input) { decision { cancelledBy { id } } errors { code reason field message } } }`,
      { input: { decisionId, cancellingDecisionId, reason: 'Hủy do sai quy trình' } },
    );
    return result.body.data!.cancelDecision;
  }

  it('restores an assignment when the dismissal that ended it is cancelled', async () => {
    const { ids, cadre } = await inPost();
    const first = await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2024-01-02' });
    expect(first.errors).toEqual([]);
    const dismissalDecision = await decision(harness, '2025-03-03');
    const dismissal = await harness.query<{ recordAppointment: { errors: UserErrorShape[] } }>(
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { errors { reason } } }`,
      { input: { ...ids, kind: 'DISMISSAL', decisionId: dismissalDecision } },
    );
    expect(dismissal.body.data?.recordAppointment.errors).toEqual([]);
    expect(
      (await harness.query<{ cadre: { currentAssignments: unknown[] } }>(HOLDINGS, { id: cadre.id })).body.data?.cadre
        .currentAssignments,
    ).toEqual([]);

    expect((await cancel(dismissalDecision)).errors).toEqual([]);
    const restored = await harness.query<{ cadre: { currentAssignments: { id: string }[] } }>(HOLDINGS, {
      id: cadre.id,
    });
    expect(restored.body.data?.cadre.currentAssignments).toEqual([{ id: first.appointment!.assignment.id }]);
  });

  it('refuses to undo a dismissal when the freed seat of a multi-holder title was taken since, and changes nothing', async () => {
    const { ids, cadre, title, unit } = await inPost('1985-06-01', { isHead: false, maxHolders: 2 });
    const colleague = await cadreBorn(harness, '1982-01-01', Sex.MALE, unit.id);
    await planning().approvedEntry(colleague.id, title.id, { startYear: 2010, endYear: 2035 });
    await appointed(ids, 'FIRST', '2024-01-02');
    expect(
      (
        await appoint(harness, {
          cadreId: colleague.id,
          titleId: title.id,
          orgUnitId: unit.id,
          kind: 'FIRST',
          effectiveOn: '2024-01-02',
        })
      ).errors,
    ).toEqual([]);
    const dismissalDecision = await decision(harness, '2025-03-03');
    const dismissal = await harness.query<{ recordAppointment: { errors: UserErrorShape[] } }>(
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { errors { reason } } }`,
      { input: { ...ids, kind: 'DISMISSAL', decisionId: dismissalDecision } },
    );
    expect(dismissal.body.data?.recordAppointment.errors).toEqual([]);
    // A third cadre takes the freed seat.
    const successor = await cadreBorn(harness, '1986-01-01', Sex.MALE, unit.id);
    await planning().approvedEntry(successor.id, title.id, { startYear: 2010, endYear: 2035 });
    expect(
      (
        await appoint(harness, {
          cadreId: successor.id,
          titleId: title.id,
          orgUnitId: unit.id,
          kind: 'FIRST',
          effectiveOn: '2025-06-02',
        })
      ).errors,
    ).toEqual([]);

    // Holding it again would make three holders of two seats.
    expect(reasonOf((await cancel(dismissalDecision)).errors)).toEqual(['CONFLICT/TITLE_FULL']);
    expect(
      (await harness.query<{ cadre: { currentAssignments: unknown[] } }>(HOLDINGS, { id: cadre.id })).body.data?.cadre
        .currentAssignments,
    ).toEqual([]);
  });

  it('undoes an appointment when its decision is cancelled, and frees the title', async () => {
    const { ids, cadre, title, unit } = await inPost();
    const decisionId = await decision(harness, '2024-01-02');
    await harness.query(
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { errors { reason } } }`,
      {
        input: { ...ids, kind: 'FIRST', decisionId },
      },
    );
    expect((await cancel(decisionId)).errors).toEqual([]);
    expect(
      (await harness.query<{ cadre: { currentAssignments: unknown[] } }>(HOLDINGS, { id: cadre.id })).body.data?.cadre
        .currentAssignments,
    ).toEqual([]);
    // The single-holder title is free again for someone else.
    const successor = await cadreBorn(harness, '1985-01-01', Sex.MALE, unit.id);
    await planning().approvedEntry(successor.id, title.id, { startYear: 2020, endYear: 2031 });
    expect(
      (
        await appoint(harness, {
          cadreId: successor.id,
          titleId: title.id,
          orgUnitId: unit.id,
          kind: 'FIRST',
          effectiveOn: '2024-06-03',
        })
      ).errors,
    ).toEqual([]);
    // A cancelled decision can be neither cancelled again nor cited.
    expect(reasonOf((await cancel(decisionId)).errors)).toEqual(['RULE_VIOLATION/DECISION_CANCELLED']);
    const cited = await harness.query<{ recordAppointment: { errors: UserErrorShape[] } }>(
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { errors { code reason field } } }`,
      { input: { ...ids, kind: 'ACTING', decisionId } },
    );
    expect(cited.body.data?.recordAppointment.errors).toEqual([
      { code: 'RULE_VIOLATION', reason: 'DECISION_CANCELLED', field: 'decisionId' },
    ]);
  });

  it('keeps cancelled assignments, moves and disciplines in the history, marked, and leaves them out when asked (issue 15, item 9)', async () => {
    const { ids, cadre } = await inPost();
    const appointmentDecision = await decision(harness, '2024-01-02');
    const acting = await harness.query<{
      recordAppointment: { appointment: { assignment: { id: string } } | null };
    }>(
      `mutation ($input: RecordAppointmentInput!) { recordAppointment(input: $input) { appointment { assignment { id } } } }`,
      { input: { ...ids, kind: 'ACTING', decisionId: appointmentDecision } },
    );
    const assignmentId = acting.body.data!.recordAppointment.appointment!.assignment.id;
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    expect(
      (
        await move({
          cadreId: cadre.id,
          kind: 'SECONDMENT',
          toOrgUnitId: destination.id,
          effectiveOn: '2024-03-01',
          plannedEndOn: '2025-03-01',
        })
      ).errors,
    ).toEqual([]);
    const disciplineDecision = await decision(harness, '2024-05-02');
    const disciplined = await harness.query<{ recordDiscipline: { errors: UserErrorShape[] } }>(
      `mutation ($input: RecordDisciplineInput!) { recordDiscipline(input: $input) { errors { code reason } } }`,
      {
        input: {
          cadreId: cadre.id,
          form: 'WARNING',
          reason: 'Vi phạm quy chế làm việc',
          decisionId: disciplineDecision,
        },
      },
    );
    expect(disciplined.body.data?.recordDiscipline.errors).toEqual([]);
    expect((await cancel(appointmentDecision)).errors).toEqual([]);
    expect((await cancel(disciplineDecision)).errors).toEqual([]);

    const RECORD = `query ($id: ID!, $all: Boolean!) { cadre(id: $id) {
      careerHistory(includeCancelled: $all) { __typename ... on Assignment { id cancelled } ... on Mobility { kind cancelled } }
      disciplines(includeCancelled: $all) { form cancelled blocksPromotionUntil } } }`;
    type Record = {
      careerHistory: { __typename: string; id?: string; kind?: string; cancelled: boolean }[];
      disciplines: unknown[];
    };
    const full = await harness.query<{ cadre: Record }>(RECORD, { id: cadre.id, all: true });
    expect(full.body.data?.cadre).toEqual({
      careerHistory: [
        { __typename: 'Assignment', id: assignmentId, cancelled: true },
        { __typename: 'Mobility', kind: 'SECONDMENT', cancelled: false },
      ],
      disciplines: [{ form: 'WARNING', cancelled: true, blocksPromotionUntil: null }],
    });
    const byDefault = await harness.query<{ cadre: Record }>(
      `query ($id: ID!) { cadre(id: $id) { careerHistory { ... on Assignment { cancelled } } disciplines { cancelled } } }`,
      { id: cadre.id },
    );
    expect(byDefault.body.data?.cadre).toEqual({
      careerHistory: [{ cancelled: true }, {}],
      disciplines: [{ cancelled: true }],
    });
    const inForce = await harness.query<{ cadre: Record }>(RECORD, { id: cadre.id, all: false });
    expect(inForce.body.data?.cadre).toEqual({
      careerHistory: [{ __typename: 'Mobility', kind: 'SECONDMENT', cancelled: false }],
      disciplines: [],
    });
    // A cancelled measure blocks nothing: the cadre can be promoted within what would have been its 36 months.
    await appointed(ids, 'FIRST', '2025-06-02');
  });
});

describe('single-holder titles under concurrency', () => {
  it('lets exactly one of two simultaneous appointments to the same post win', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const title = await createTitle(harness.subgraph.dataSource);
    const rivals = await Promise.all([
      cadreBorn(harness, '1985-01-01', Sex.MALE, unit.id),
      cadreBorn(harness, '1986-01-01', Sex.FEMALE, unit.id),
    ]);
    for (const rival of rivals) await planning().approvedEntry(rival.id, title.id, { startYear: 2020, endYear: 2031 });
    const results = await Promise.all(
      rivals.map((rival) =>
        appoint(harness, {
          cadreId: rival.id,
          titleId: title.id,
          orgUnitId: unit.id,
          kind: 'FIRST',
          effectiveOn: '2026-02-02',
        }),
      ),
    );
    expect(results.filter((r) => r.appointment).length).toBe(1);
    expect(results.flatMap((r) => reasonOf(r.errors))).toEqual(['CONFLICT/TITLE_ALREADY_HELD']);
  });

  it('is enforced by the database itself: a holder inserted while another is uncommitted waits for it, then fails', async () => {
    const dataSource = harness.subgraph.dataSource;
    const unit = await createOrgUnit(dataSource);
    const title = await createTitle(dataSource);
    const decisionId = await decision(harness, '2026-01-05');
    const rivals = await Promise.all([cadreBorn(harness, '1985-01-01'), cadreBorn(harness, '1986-01-01')]);
    const insertHolder = (manager: EntityManager, cadreId: string, startsOn: string) =>
      manager.query(
        `INSERT INTO assignment (cadre_id, title_id, org_unit_id, starts_on, single_holder, decision_id) VALUES ($1, $2, $3, $4, true, $5)`,
        [cadreId, title.id, unit.id, startsOn, decisionId],
      );
    // The first writer inserts and keeps its transaction open; the second inserts an overlapping
    // holder meanwhile, with no lock taken first, as a careless writer would. (Two truly
    // simultaneous inserts can also deadlock; inTransaction retries that, tested below.)
    const first = dataSource.createQueryRunner();
    await first.startTransaction();
    try {
      await insertHolder(first.manager, rivals[0].id, '2026-01-05');
      let secondPid = 0;
      const second = dataSource.transaction(async (manager) => {
        secondPid = must((await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0], 'one row').pid;
        await insertHolder(manager, rivals[1].id, '2027-06-01');
      });
      const secondOutcome = second.then(
        () => 'inserted',
        (error: unknown) => error,
      );
      await until(async () => secondPid > 0 && (await waitsOnALock(secondPid)));
      await first.commitTransaction();
      expect(await secondOutcome).toMatchObject({
        driverError: { code: '23P01', constraint: 'assignment_single_holder' },
      });
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      await first.release();
    }
    const holders = await dataSource.query('SELECT cadre_id FROM assignment WHERE title_id = $1', [title.id]);
    expect(holders).toEqual([{ cadre_id: rivals[0].id }]);
  });

  it('runs a transaction again when PostgreSQL aborted it to break a deadlock', async () => {
    const dataSource = harness.subgraph.dataSource;
    const [a, b] = await Promise.all([cadreBorn(harness, '1985-01-01'), cadreBorn(harness, '1986-01-01')]);
    let attempts = 0;
    let firstLocksTaken = 0;
    let bothHoldOne: () => void = () => undefined;
    const bothHold = new Promise<void>((resolve) => (bothHoldOne = resolve));
    // Each locks one cadre, waits until the other holds its own, then asks for the other's: a deadlock.
    const lockInOrder = (firstId: string, secondId: string) =>
      inTransaction(dataSource, async (manager) => {
        attempts++;
        await manager.query('SELECT id FROM cadre WHERE id = $1 FOR UPDATE', [firstId]);
        if (++firstLocksTaken === 2) bothHoldOne();
        await bothHold;
        await manager.query('SELECT id FROM cadre WHERE id = $1 FOR UPDATE', [secondId]);
        return 'done';
      });
    const outcomes = await Promise.allSettled([lockInOrder(a.id, b.id), lockInOrder(b.id, a.id)]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'done' },
      { status: 'fulfilled', value: 'done' },
    ]);
    // At least one run again (two attempts alone would have left one rejected with 40P01). On a
    // machine with every core busy a retry has itself met the survivor's locks again (4 seen).
    expect(attempts).toBeGreaterThanOrEqual(3);
  });

  it('fills a multi-holder title up to its number of seats', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const title = await createTitle(harness.subgraph.dataSource, { isHead: false, maxHolders: 2 });
    const outcomes = [];
    for (const born of ['1980-01-01', '1981-01-01', '1982-01-01']) {
      const cadre = await cadreBorn(harness, born, Sex.MALE, unit.id);
      await planning().approvedEntry(cadre.id, title.id, { startYear: 2020, endYear: 2031 });
      outcomes.push(
        await appoint(harness, {
          cadreId: cadre.id,
          titleId: title.id,
          orgUnitId: unit.id,
          kind: 'FIRST',
          effectiveOn: '2026-02-02',
        }),
      );
    }
    expect(outcomes.map((o) => reasonOf(o.errors))).toEqual([[], [], ['CONFLICT/TITLE_FULL']]);
  });
});

describe('rules are versioned settings', () => {
  it('applies a new version from its effective date, with its legal basis', async () => {
    const defined = await harness.query<{
      definePersonnelRuleSetting: { setting: { value: number; isDefault: boolean } | null; errors: UserErrorShape[] };
    }>(
      `mutation ($input: DefineRuleSettingInput!) { definePersonnelRuleSetting(input: $input) { setting { value isDefault legalBasis } errors { code reason field } } }`,
      { input: { key: 'APPOINTMENT_TERM_YEARS', value: 4, legalBasis: 'Thử nghiệm', effectiveFrom: '2090-01-01' } },
    );
    expect(defined.body.data?.definePersonnelRuleSetting).toMatchObject({
      setting: { value: 4, isDefault: false },
      errors: [],
    });
    const before = await harness.query<{ personnelRuleSettings: { key: string; value: number }[] }>(
      `{ personnelRuleSettings(at: "2089-12-31") { key value } }`,
    );
    expect(before.body.data?.personnelRuleSettings.find((s) => s.key === 'APPOINTMENT_TERM_YEARS')?.value).toBe(5);
    const { ids } = await inPost('2050-01-01');
    await planning().approvedEntry(ids.cadreId, ids.titleId, { startYear: 2088, endYear: 2095 });
    expect((await appoint(harness, { ...ids, kind: 'FIRST', effectiveOn: '2090-03-01' })).appointment?.termEndsOn).toBe(
      addYears('2090-03-01', 4),
    );
  });

  it('refuses an invalid value or an unknown rule', async () => {
    const define = (key: string, value: unknown) =>
      harness.query<{ definePersonnelRuleSetting: { errors: UserErrorShape[] } }>(
        `mutation ($input: DefineRuleSettingInput!) { definePersonnelRuleSetting(input: $input) { errors { code field } } }`,
        { input: { key, value, legalBasis: 'x', effectiveFrom: '2091-01-01' } },
      );
    expect((await define('APPOINTMENT_TERM_YEARS', 'five')).body.data?.definePersonnelRuleSetting.errors).toEqual([
      { code: 'BAD_USER_INPUT', field: 'value' },
    ]);
    expect((await define('NO_SUCH_RULE', 1)).body.data?.definePersonnelRuleSetting.errors).toEqual([
      { code: 'BAD_USER_INPUT', field: 'key' },
    ]);
  });
});

describe('dashboards: terms expiring and moves ending', () => {
  it('lists current terms ending within the window, soonest first, with when renewal may start', async () => {
    const { ids } = await inPost();
    // A term started five years ago less 40 days ends in 40 days.
    const startedOn = addDays(addYears(today(), -5), 40);
    await appointed(ids, 'FIRST', startedOn);
    const expiring = async (withinDays: number) =>
      (
        await harness.query<{
          appointmentsExpiring: { cadre: { id: string }; termEndsOn: string; renewableFrom: string }[];
        }>(`query ($d: Int!) { appointmentsExpiring(withinDays: $d) { cadre { id } termEndsOn renewableFrom } }`, {
          d: withinDays,
        })
      ).body.data!.appointmentsExpiring.filter((a) => a.cadre.id === ids.cadreId);
    expect(await expiring(30)).toEqual([]);
    const [term] = await expiring(90);
    if (!term) throw new Error('expected the appointment among those expiring within 90 days');
    expect(term.termEndsOn).toBe(addYears(startedOn, 5));
    expect(term.renewableFrom < term.termEndsOn).toBe(true);
  });

  it('lists secondments ending within the window', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const destination = await createOrgUnit(harness.subgraph.dataSource);
    const plannedEndOn = addDays(today(), 100);
    expect(
      (
        await move({
          cadreId: cadre.id,
          kind: 'SECONDMENT',
          toOrgUnitId: destination.id,
          effectiveOn: addDays(today(), -200),
          plannedEndOn,
        })
      ).errors,
    ).toEqual([]);
    const ending = async (withinDays: number) =>
      (
        await harness.query<{ mobilitiesEnding: { cadre: { id: string } }[] }>(
          `query ($d: Int!) { mobilitiesEnding(withinDays: $d) { cadre { id } } }`,
          { d: withinDays },
        )
      ).body.data!.mobilitiesEnding.filter((m) => m.cadre.id === cadre.id);
    expect(await ending(90)).toHaveLength(0);
    expect(await ending(180)).toHaveLength(1);
  });

  it('refuses a window out of range', async () => {
    const result = await harness.query(`{ appointmentsExpiring(withinDays: -1) { termEndsOn } }`);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinDays' });
  });
});

describe('yearly evaluations', () => {
  const record = async (cadreId: string, year: number, rating = 'GOOD') => {
    const decisionId = await decision(harness, `${Math.min(year + 1, Number(today().slice(0, 4)))}-01-15`);
    const result = await harness.query<{
      recordEvaluation: { evaluation: { year: number; rating: string } | null; errors: UserErrorShape[] };
    }>(
      `mutation ($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { year rating } errors { code reason field } } }`,
      { input: { cadreId, year, rating, decisionId } },
    );
    return result.body.data!.recordEvaluation;
  };

  it('records one rating per year and refuses a second or a future year', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    expect(await record(cadre.id, 2024, 'EXCELLENT')).toEqual({
      evaluation: { year: 2024, rating: 'EXCELLENT' },
      errors: [],
    });
    expect((await record(cadre.id, 2024)).errors).toEqual([
      { code: 'CONFLICT', reason: 'EVALUATION_EXISTS', field: 'year' },
    ]);
    expect((await record(cadre.id, Number(today().slice(0, 4)) + 1)).errors).toEqual([
      { code: 'BAD_USER_INPUT', reason: 'YEAR_IN_FUTURE', field: 'year' },
    ]);
    const history = await harness.query<{ cadre: { evaluations: { year: number; rating: string }[] } }>(
      `query ($id: ID!) { cadre(id: $id) { evaluations { year rating } } }`,
      { id: cadre.id },
    );
    expect(history.body.data?.cadre.evaluations).toEqual([{ year: 2024, rating: 'EXCELLENT' }]);
  });
});
