import { addDays, today } from '@cadres/core';
import { startSubgraphHarness, useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { planningSubgraph } from '../src/subgraph';
import { usePersonnelFactory, type CadreRecordOptions } from '../../personnel/test/factories';

// Planning's rules read personnel's record through its API, as in production.
const harness = useSubgraphHarness(planningSubgraph, { peers: ['personnel'] });
// The cadres' records are personnel's rows, made by personnel's own factory.
const personnel = usePersonnelFactory();

interface UserErrorShape {
  code: string;
  reason: string | null;
  field: string | null;
}
const reasonsOf = (errors: UserErrorShape[]) => errors.map((e) => `${e.code}/${e.reason}`);
const db = () => harness.subgraph.dataSource;

/** A term under QĐ 377/2025 whose reference date for every level is `reference` (by default 5 years long). */
async function term(reference = '2030-01-01', years: { startYear?: number; endYear?: number } = {}): Promise<string> {
  const result = await harness.query<{ createTerm: { term: { id: string } | null; errors: UserErrorShape[] } }>(
    `mutation ($input: CreateTermInput!) { createTerm(input: $input) { term { id } errors { code reason field } } }`,
    {
      input: {
        code: `T-${randomUUID().slice(0, 8)}`,
        track: 'PARTY',
        startYear: years.startYear ?? Number(reference.slice(0, 4)),
        endYear: years.endYear ?? Number(reference.slice(0, 4)) + 5,
        ruleSetCode: 'QD-377-2025',
        ageReferenceDates: { PROVINCE: reference, COMMUNE: reference },
      },
    },
  );
  return result.body.data!.createTerm.term!.id;
}

async function planTitle(
  termId: string,
  rank = 80,
  level: NonNullable<CadreRecordOptions['titleLevel']> = 'PROVINCE',
  maxCandidates?: number,
) {
  const title = await personnel().title(rank, level);
  const result = await harness.query<{
    planTitle: { plannedTitle: { id: string; maxCandidates: number } | null; errors: UserErrorShape[] };
  }>(
    `mutation ($input: PlanTitleInput!) { planTitle(input: $input) { plannedTitle { id maxCandidates titleLevel titleRank } errors { code reason field } } }`,
    { input: { termId, titleId: title.id, maxCandidates } },
  );
  return { titleId: title.id, ...result.body.data!.planTitle };
}

const ADD = `mutation ($input: AddPlanningEntryInput!) {
  addPlanningEntry(input: $input) { entry { id status warnings } errors { code reason field } }
}`;

async function add(plannedTitleId: string, cadreId: string, extra: Record<string, unknown> = {}) {
  const result = await harness.query<{
    addPlanningEntry: { entry: { id: string; status: string; warnings: string[] } | null; errors: UserErrorShape[] };
  }>(ADD, {
    input: { plannedTitleId, cadreId, readiness: 'ONE_TO_TWO_YEARS', ...extra },
  });
  if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.addPlanningEntry;
}

const cadre = async (options: CadreRecordOptions = {}) =>
  (await personnel().cadre({ dateOfBirth: '1985-05-05', titleRank: 50, ...options })).id;

/** An assignment in the cadre's career (planning asks personnel's API for it). */
async function appointed(
  cadreId: string,
  titleId: string,
  startsOn: string,
  flags: { acting?: boolean; cancelled?: boolean } = {},
): Promise<string> {
  return (await personnel().assignment(cadreId, titleId, startsOn, flags)).id;
}

describe('rule 14: at most three candidates per planned title, guarded by the database', () => {
  it('accepts three and refuses the fourth', async () => {
    const { plannedTitle } = await planTitle(await term());
    for (let i = 0; i < 3; i++) expect((await add(plannedTitle!.id, await cadre())).errors).toEqual([]);
    expect(reasonsOf((await add(plannedTitle!.id, await cadre())).errors)).toEqual(['CONFLICT/CANDIDATE_SLOTS_FULL']);
  });

  it('lets exactly one of two simultaneous additions take the last slot', async () => {
    const { plannedTitle } = await planTitle(await term());
    for (let i = 0; i < 2; i++) await add(plannedTitle!.id, await cadre());
    const rivals = await Promise.all([cadre(), cadre()]);
    const results = await Promise.all(rivals.map((id) => add(plannedTitle!.id, id)));
    expect(results.filter((r) => r.entry).length).toBe(1);
    expect(results.flatMap((r) => reasonsOf(r.errors))).toEqual(['CONFLICT/CANDIDATE_SLOTS_FULL']);
  });

  it('refuses more slots than the rule set allows', async () => {
    const result = await planTitle(await term(), 80, 'PROVINCE', 4);
    expect(reasonsOf(result.errors)).toEqual(['RULE_VIOLATION/ABOVE_RULE_SET_LIMIT']);
  });

  it('frees a slot when an entry is removed by a decision', async () => {
    const { plannedTitle } = await planTitle(await term(), 80, 'PROVINCE', 1);
    const first = await add(plannedTitle!.id, await cadre());
    expect(reasonsOf((await add(plannedTitle!.id, await cadre())).errors)).toEqual(['CONFLICT/CANDIDATE_SLOTS_FULL']);
    const removal = await harness.query<{ removePlanningEntry: { errors: UserErrorShape[] } }>(
      `mutation ($input: RemovePlanningEntryInput!) { removePlanningEntry(input: $input) { entry { status removalReason } errors { code reason } } }`,
      { input: { entryId: first.entry!.id, reason: 'OTHER', decisionNumber: '77-QĐ/TU', decisionDate: '2026-01-05' } },
    );
    expect(removal.body.data?.removePlanningEntry.errors).toEqual([]);
    expect((await add(plannedTitle!.id, await cadre())).errors).toEqual([]);
  });
});

describe('rule 14: at most three titles per cadre at one level, and only above the current post', () => {
  it('refuses a fourth title at the same level in a term', async () => {
    const termId = await term();
    const candidate = await cadre();
    for (let i = 0; i < 3; i++)
      expect((await add((await planTitle(termId)).plannedTitle!.id, candidate)).errors).toEqual([]);
    expect(reasonsOf((await add((await planTitle(termId)).plannedTitle!.id, candidate)).errors)).toEqual([
      'RULE_VIOLATION/TOO_MANY_TITLES',
    ]);
    // Another level is another count.
    expect((await add((await planTitle(termId, 80, 'COMMUNE')).plannedTitle!.id, candidate)).errors).toEqual([]);
  });

  it('refuses a title not above the cadre’s current post', async () => {
    const termId = await term();
    const candidate = await cadre({ titleRank: 60 });
    expect(reasonsOf((await add((await planTitle(termId, 60)).plannedTitle!.id, candidate)).errors)).toEqual([
      'RULE_VIOLATION/NOT_ABOVE_CURRENT_POST',
    ]);
    expect((await add((await planTitle(termId, 61)).plannedTitle!.id, candidate)).errors).toEqual([]);
  });
});

describe('rule 15: a full term of service left at the reference date, a warning below two', () => {
  it.each([
    // A man born 1972 retires at 62 in 2034.
    ['under one term', '1972-06-01', 'RULE_VIOLATION/NOT_ENOUGH_SERVICE_FOR_TERM', null],
    ['between one and two terms', '1966-06-01', null, ['UNDER_TWO_TERMS_OF_SERVICE']],
    ['two terms or more', '1980-06-01', null, []],
  ])('%s', async (_case, born, refusal, warnings) => {
    // Reference date 2030: born 1972 → 4 years left; with a 2020 reference, born 1966 → 8 years.
    // A 2020 term would be closed today (item 8), so that one runs 2020–2030.
    const reference = born === '1966-06-01' ? '2020-01-01' : '2030-01-01';
    const years = born === '1966-06-01' ? { endYear: 2030 } : {};
    const result = await add(
      (await planTitle(await term(reference, years))).plannedTitle!.id,
      await cadre({ dateOfBirth: born }),
    );
    if (refusal) expect(reasonsOf(result.errors)).toEqual([refusal]);
    else expect(result.entry?.warnings).toEqual(warnings);
  });
});

describe('rule 15: the term of service counted by the calendar (issue 15, item 4)', () => {
  it.each([
    // Born 2 March 1969, a man retires on 2 March 2031: five calendar years after 2 March 2026,
    // 1826 days with the 29 February 2028 in them.
    ['exactly five years left, across a 29 February', '1969-03-02', '2026-03-02', null],
    ['a day short of five years', '1969-03-02', '2026-03-03', 'RULE_VIOLATION/NOT_ENOUGH_SERVICE_FOR_TERM'],
    // Born 29 February 1968, he retires on 28 February 2030.
    ['born on 29 February, five years to the day', '1968-02-29', '2025-02-28', null],
    ['born on 29 February, a day short', '1968-02-29', '2025-03-01', 'RULE_VIOLATION/NOT_ENOUGH_SERVICE_FOR_TERM'],
  ])('%s', async (_case, born, reference, refusal) => {
    const result = await add(
      (await planTitle(await term(reference))).plannedTitle!.id,
      await cadre({ dateOfBirth: born }),
    );
    if (refusal) expect(reasonsOf(result.errors)).toEqual([refusal]);
    else expect(result).toMatchObject({ errors: [], entry: { warnings: ['UNDER_TWO_TERMS_OF_SERVICE'] } });
  });
});

describe('decisions and the entry lifecycle', () => {
  it('approves with a decision, refuses approval without one, and refuses moves out of order', async () => {
    const { plannedTitle, titleId } = await planTitle(await term());
    const candidate = await cadre();
    const { entry } = await add(plannedTitle!.id, candidate);
    const move = (mutation: string, decisionNumber: string) =>
      harness.query<Record<string, { entry: { status: string } | null; errors: UserErrorShape[] }>>(
        `mutation ($input: PlanningDecisionInput!) { result: ${mutation}(input: $input) { entry { status } errors { code reason field } } }`,
        { input: { entryId: entry!.id, decisionNumber, decisionDate: '2026-02-02' } },
      );
    expect((await move('realisePlanningEntry', '1-QĐ/TU')).body.data?.result?.errors.map((e) => e.reason)).toEqual([
      'INVALID_TRANSITION',
    ]);
    expect((await move('approvePlanningEntry', ' ')).body.data?.result?.errors.map((e) => e.reason)).toEqual([
      'REQUIRED',
    ]);
    expect((await move('approvePlanningEntry', '15-QĐ/TU')).body.data?.result).toEqual({
      entry: { status: 'APPROVED' },
      errors: [],
    });
    // Realised by an appointment in the career (issue 15, item 3).
    await appointed(candidate, titleId, '2026-02-02');
    expect((await move('realisePlanningEntry', '16-QĐ/TU')).body.data?.result).toEqual({
      entry: { status: 'REALISED' },
      errors: [],
    });
  });

  it('refuses rather than guesses when personnel cannot answer', async () => {
    const isolated = await startSubgraphHarness(planningSubgraph, { PERSONNEL_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const { plannedTitle } = await planTitle(await term());
      const result = await isolated.query<{ addPlanningEntry: { errors: UserErrorShape[] } }>(ADD, {
        input: { plannedTitleId: plannedTitle!.id, cadreId: await cadre() },
      });
      expect(reasonsOf(result.body.data!.addPlanningEntry.errors)).toEqual([
        'DEPENDENCY_UNAVAILABLE/PERSONNEL_CHECK_UNAVAILABLE',
      ]);
    } finally {
      await isolated.stop();
    }
  });
});

describe('rule 16: the annual review flags removals, each confirmed by a decision', () => {
  it('flags the over-age, the disciplined, those rated NOT_COMPLETED, those already appointed and those over three titles', async () => {
    const termId = await term('2026-06-01');
    const opened = await harness.query<{ openPlanningRound: { round: { id: string; openedOn: string } } }>(
      `mutation ($input: OpenRoundInput!) { openPlanningRound(input: $input) { round { id openedOn } errors { code reason } } }`,
      { input: { termId, year: 2026 } },
    );
    const round = opened.body.data!.openPlanningRound.round;
    const lastYear = new Date().getUTCFullYear() - 1;
    const clean = await cadre();
    const disciplined = await cadre({
      disciplines: [{ form: 'REPRIMAND', effectiveOn: new Date(Date.now() - 60 * 864e5).toISOString().slice(0, 10) }],
    });
    const poorlyRated = await cadre({ ratings: ['NOT_COMPLETED', 'GOOD'] });
    const planned = await planTitle(termId, 80);
    const appointed = await cadre();
    const overAge = await cadre({ dateOfBirth: '1968-01-01' });
    for (const id of [clean, disciplined, poorlyRated])
      expect((await add((await planTitle(termId)).plannedTitle!.id, id)).errors).toEqual([]);
    expect((await add(planned.plannedTitle!.id, appointed)).errors).toEqual([]);
    // Facts that change after planning: the cadre is appointed to the planned title, another ages past the term.
    await personnel().cadre({ titleId: planned.titleId });
    await personnel().assignment(appointed, planned.titleId, addDays(today(), -1));
    const [overAgeEntry] = await db().query(
      `INSERT INTO planning_entry (cadre_id, title_id, term_id, planned_title_id, status, cadre_sex, cadre_date_of_birth, cadre_ethnicity)
       SELECT $1, title_id, term_id, id, 'PROPOSED', 'MALE', '1968-01-01', 'Thái' FROM planned_title WHERE id = $2 RETURNING id`,
      [overAge, (await planTitle(termId)).plannedTitle!.id],
    );
    const review = await harness.query<{
      reviewPlanningRound: {
        flags: { id: string; reason: string; entry: { cadre: { id: string } } }[];
        errors: UserErrorShape[];
      };
    }>(
      `mutation ($id: ID!) { reviewPlanningRound(roundId: $id) { flags { id reason entry { cadre { id } } } errors { code reason } } }`,
      { id: round.id },
    );
    const flags = review.body.data!.reviewPlanningRound.flags;
    const reasonFor = (cadreId: string) => flags.filter((f) => f.entry.cadre.id === cadreId).map((f) => f.reason);
    expect(reasonFor(clean)).toEqual([]);
    expect(reasonFor(disciplined)).toEqual(['DISCIPLINED']);
    expect(reasonFor(poorlyRated)).toEqual(['RATED_NOT_COMPLETED']);
    expect(reasonFor(appointed)).toEqual(['ALREADY_APPOINTED']);
    expect(reasonFor(overAge)).toEqual(['OVER_AGE']);
    expect(lastYear).toBeGreaterThan(2000);

    const confirm = (flagId: string) =>
      harness.query<{
        confirmPlanningRemoval: { flag: { confirmedDecisionNumber: string } | null; errors: UserErrorShape[] };
      }>(
        `mutation ($input: ConfirmRemovalInput!) { confirmPlanningRemoval(input: $input) { flag { confirmedDecisionNumber } errors { code reason } } }`,
        { input: { flagId, decisionNumber: '2026/QĐ-TU', decisionDate: '2026-06-30' } },
      );
    const overAgeFlag = flags.find((f) => f.entry.cadre.id === overAge)!;
    expect((await confirm(overAgeFlag.id)).body.data?.confirmPlanningRemoval.errors).toEqual([]);
    expect(reasonsOf((await confirm(overAgeFlag.id)).body.data!.confirmPlanningRemoval.errors)).toEqual([
      'RULE_VIOLATION/ALREADY_CONFIRMED',
    ]);
    const [removed] = await db().query(`SELECT status, removal_reason FROM planning_entry WHERE id = $1`, [
      overAgeEntry.id,
    ]);
    expect(removed).toEqual({ status: 'REMOVED', removal_reason: 'OVER_AGE' });
  });

  it('flags a cadre planned for more than three titles at one level', async () => {
    const termId = await term();
    const candidate = await cadre();
    const [{ id: roundId }] = await db().query(
      `INSERT INTO planning_round (term_id, year, code, opened_on) VALUES ($1, 2030, $2, CURRENT_DATE) RETURNING id`,
      [termId, `R-${randomUUID().slice(0, 8)}`],
    );
    // Four candidacies, as an import from before the rule could leave them.
    for (let i = 0; i < 4; i++) {
      await db().query(
        `INSERT INTO planning_entry (cadre_id, title_id, term_id, planned_title_id, status, cadre_sex, cadre_date_of_birth, cadre_ethnicity)
         SELECT $1, title_id, term_id, id, 'PROPOSED', 'MALE', '1985-05-05', 'Thái' FROM planned_title WHERE id = $2`,
        [candidate, (await planTitle(termId)).plannedTitle!.id],
      );
    }
    const review = await harness.query<{ reviewPlanningRound: { flags: { reason: string }[] } }>(
      `mutation ($id: ID!) { reviewPlanningRound(roundId: $id) { flags { reason } } }`,
      { id: roundId },
    );
    expect(review.body.data?.reviewPlanningRound.flags.map((f) => f.reason)).toEqual([
      'TOO_MANY_TITLES',
      'TOO_MANY_TITLES',
      'TOO_MANY_TITLES',
      'TOO_MANY_TITLES',
    ]);
  });
});

const DECIDE = (mutation: string) =>
  `mutation ($input: PlanningDecisionInput!) { result: ${mutation}(input: $input) { entry { status addedOn } errors { code reason field } } }`;
async function decide(
  mutation: 'approvePlanningEntry' | 'realisePlanningEntry',
  entryId: string,
  decisionDate: string,
  decisionNumber = '15-QĐ/TU',
) {
  const result = await harness.query<{ result: { entry: { status: string } | null; errors: UserErrorShape[] } }>(
    DECIDE(mutation),
    { input: { entryId, decisionNumber, decisionDate } },
  );
  if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.result;
}
async function planningCheck(cadreId: string, titleId: string, on: string) {
  const result = await harness.query<{ planningCheck: { plannedForTitle: boolean; inPlanningPool: boolean } }>(
    `query ($c: ID!, $t: ID!, $on: LocalDate!) { planningCheck(cadreId: $c, titleId: $t, on: $on) { plannedForTitle inPlanningPool } }`,
    { c: cadreId, t: titleId, on },
  );
  return result.body.data!.planningCheck;
}

describe('issue 15, item 8: "in the planning" from the approval decision’s date; a closed term takes no new entries', () => {
  it('counts a cadre as planned from the approval decision’s date, not from the term’s first year', async () => {
    // A term that began years ago and is still open: an approval dated today does not reach back.
    const { plannedTitle, titleId } = await planTitle(await term('2030-01-01', { startYear: 2022, endYear: 2027 }));
    const candidate = await cadre();
    const { entry } = await add(plannedTitle!.id, candidate);
    expect((await decide('approvePlanningEntry', entry!.id, '2026-02-02')).errors).toEqual([]);
    expect(await planningCheck(candidate, titleId, '2023-06-01')).toEqual({
      plannedForTitle: false,
      inPlanningPool: false,
    });
    expect(await planningCheck(candidate, titleId, '2026-02-01')).toEqual({
      plannedForTitle: false,
      inPlanningPool: false,
    });
    expect(await planningCheck(candidate, titleId, '2026-02-02')).toEqual({
      plannedForTitle: true,
      inPlanningPool: true,
    });
    // Past the term's end the planning no longer serves.
    expect(await planningCheck(candidate, titleId, '2028-01-03')).toEqual({
      plannedForTitle: false,
      inPlanningPool: false,
    });
  });

  it('stops counting a removed entry from its removal decision’s date', async () => {
    const { plannedTitle, titleId } = await planTitle(await term('2030-01-01', { startYear: 2024, endYear: 2029 }));
    const candidate = await cadre();
    const { entry } = await add(plannedTitle!.id, candidate);
    await decide('approvePlanningEntry', entry!.id, '2025-03-03');
    await harness.query(
      `mutation ($input: RemovePlanningEntryInput!) { removePlanningEntry(input: $input) { errors { code } } }`,
      {
        input: { entryId: entry!.id, reason: 'OTHER', decisionNumber: '90-QĐ/TU', decisionDate: '2026-01-05' },
      },
    );
    expect((await planningCheck(candidate, titleId, '2025-12-31')).plannedForTitle).toBe(true);
    expect((await planningCheck(candidate, titleId, '2026-01-05')).plannedForTitle).toBe(false);
  });

  it('refuses a new entry, and an approval, in a term that has ended', async () => {
    const closedTerm = await term('2015-01-01', { startYear: 2015, endYear: 2020 });
    const { plannedTitle, titleId } = await planTitle(closedTerm);
    const candidate = await cadre();
    const added = await add(plannedTitle!.id, candidate);
    expect(reasonsOf(added.errors)).toEqual(['RULE_VIOLATION/TERM_CLOSED']);
    expect(added.errors[0]?.field).toBe('plannedTitleId');
    expect(
      await db().query(`SELECT count(*)::int AS n FROM planning_entry WHERE planned_title_id = $1`, [plannedTitle!.id]),
    ).toEqual([{ n: 0 }]);
    // An entry proposed while the term was open is not approved after it closed.
    const [proposed] = await db().query(
      `INSERT INTO planning_entry (cadre_id, title_id, term_id, planned_title_id, status) VALUES ($1, $2, $3, $4, 'PROPOSED') RETURNING id`,
      [candidate, titleId, closedTerm, plannedTitle!.id],
    );
    expect(reasonsOf((await decide('approvePlanningEntry', proposed.id, '2026-02-02')).errors)).toEqual([
      'RULE_VIOLATION/TERM_CLOSED',
    ]);
    expect(await planningCheck(candidate, titleId, '2016-06-01')).toEqual({
      plannedForTitle: false,
      inPlanningPool: false,
    });
  });

  it('keeps an approval without its date out of the database', async () => {
    const { plannedTitle, titleId } = await planTitle(await term());
    const candidate = await cadre();
    const termId = (await db().query(`SELECT term_id FROM planned_title WHERE id = $1`, [plannedTitle!.id]))[0].term_id;
    await expect(
      db().query(
        `INSERT INTO planning_entry (cadre_id, title_id, term_id, planned_title_id, status, added_decision_number) VALUES ($1, $2, $3, $4, 'APPROVED', '1-QĐ/TU')`,
        [candidate, titleId, termId, plannedTitle!.id],
      ),
    ).rejects.toMatchObject({ driverError: { constraint: 'planning_entry_approval_dated' } });
  });
});

describe('issue 15, item 3: an entry is realised by an appointment in the career, asked of personnel', () => {
  async function approvedEntry(approvedOn = '2026-02-02') {
    const { plannedTitle, titleId } = await planTitle(await term());
    const candidate = await cadre();
    const { entry } = await add(plannedTitle!.id, candidate);
    expect((await decide('approvePlanningEntry', entry!.id, approvedOn)).errors).toEqual([]);
    return { entryId: entry!.id, candidate, titleId };
  }
  const stored = async (entryId: string) =>
    (
      await db().query(
        `SELECT status, realised_assignment_id AS "assignmentId", realised_on::text AS "realisedOn", realised_decision_number AS "decisionNumber" FROM planning_entry WHERE id = $1`,
        [entryId],
      )
    )[0];

  it('refuses to realise an entry whose cadre’s career has no appointment to the title, and changes nothing', async () => {
    const { entryId } = await approvedEntry();
    const result = await decide('realisePlanningEntry', entryId, '2026-06-01');
    expect(reasonsOf(result.errors)).toEqual(['RULE_VIOLATION/NO_MATCHING_APPOINTMENT']);
    expect(result.errors[0]?.field).toBe('entryId');
    expect(await stored(entryId)).toEqual({
      status: 'APPROVED',
      assignmentId: null,
      realisedOn: null,
      decisionNumber: null,
    });
  });

  it.each<[string, string, { acting?: boolean; cancelled?: boolean }]>([
    ['an appointment before the approval decision', '2026-01-05', {}],
    ['an appointment after the realisation decision', '2026-07-01', {}],
    ['an acting appointment', '2026-03-02', { acting: true }],
    ['a cancelled appointment', '2026-03-02', { cancelled: true }],
  ])('refuses %s', async (_case, startsOn, flags) => {
    const { entryId, candidate, titleId } = await approvedEntry();
    await appointed(candidate, titleId, startsOn, flags);
    expect(reasonsOf((await decide('realisePlanningEntry', entryId, '2026-06-01')).errors)).toEqual([
      'RULE_VIOLATION/NO_MATCHING_APPOINTMENT',
    ]);
  });

  it('refuses an appointment to another title', async () => {
    const { entryId, candidate } = await approvedEntry();
    await appointed(candidate, (await personnel().title(80)).id, '2026-03-02');
    expect(reasonsOf((await decide('realisePlanningEntry', entryId, '2026-06-01')).errors)).toEqual([
      'RULE_VIOLATION/NO_MATCHING_APPOINTMENT',
    ]);
  });

  it('realises an entry by the appointment made after its approval, and keeps which one', async () => {
    const { entryId, candidate, titleId } = await approvedEntry();
    const assignmentId = await appointed(candidate, titleId, '2026-03-02');
    const result = await decide('realisePlanningEntry', entryId, '2026-06-01', '210-QĐ/TU');
    expect(result).toEqual({ entry: { status: 'REALISED', addedOn: '2026-02-02' }, errors: [] });
    expect(await stored(entryId)).toEqual({
      status: 'REALISED',
      assignmentId,
      realisedOn: '2026-03-02',
      decisionNumber: '210-QĐ/TU',
    });
  });

  it('refuses rather than guesses when personnel cannot answer', async () => {
    const { entryId, candidate, titleId } = await approvedEntry();
    await appointed(candidate, titleId, '2026-03-02');
    const isolated = await startSubgraphHarness(planningSubgraph, { PERSONNEL_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const result = await isolated.query<{ result: { errors: UserErrorShape[] } }>(DECIDE('realisePlanningEntry'), {
        input: { entryId, decisionNumber: '1-QĐ/TU', decisionDate: '2026-06-01' },
      });
      expect(reasonsOf(result.body.data!.result.errors)).toEqual([
        'DEPENDENCY_UNAVAILABLE/PERSONNEL_CHECK_UNAVAILABLE',
      ]);
    } finally {
      await isolated.stop();
    }
    expect((await stored(entryId)).status).toBe('APPROVED');
  });

  it('keeps a realised entry without its appointment out of the database', async () => {
    const { entryId } = await approvedEntry();
    await expect(
      db().query(`UPDATE planning_entry SET status = 'REALISED' WHERE id = $1`, [entryId]),
    ).rejects.toMatchObject({
      driverError: { constraint: 'planning_entry_realised_by_appointment' },
    });
  });
});
