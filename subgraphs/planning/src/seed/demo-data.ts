import { demoKeys, deterministicUuid, SeededRandom, today, yearsBetween, type Logger } from '@cadres/core';
import { callSubgraph, insertInChunks, seedWhenEmpty } from '@cadres/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { PlannedTitle } from '../modules/planned-title/planned-title.entity';
import { z } from 'zod';
import { careerAssignment, type CareerAssignment } from '../clients/personnel-client';
import {
  PlanningEntry,
  PlanningSource,
  PlanningStatus,
  Readiness,
} from '../modules/planning-entry/planning-entry.entity';
import { realisingAppointment } from '../modules/planning-entry/planning-rules';
import { PlanningRound, RemovalReason, RoundFlag } from '../modules/round/round.entity';
import { DevelopmentNeed } from '../modules/standards/development-need.entity';
import { Term, TermTrack } from '../modules/term/term.entity';
import { fillCandidateUnits } from './candidate-units';

const id = (kind: string, key: string) => deterministicUuid(`demo:${kind}:${key}`);

/** The article's 447 planning entries (lượt): 90 + 94 adjusted for 2020–2025 / 2021–2026, 152 + 111 new for 2025–2030 / 2026–2031. */
type TermSeed = {
  code: string;
  track: TermTrack;
  start: number;
  end: number;
  pair: string;
  ruleSet: string;
  references: Record<string, string>;
  entries: number;
  titles: [title: string, units: 'PROVINCE' | 'PARTY_ORGANS' | 'DEPARTMENTS' | 'DISTRICTS' | 'COMMUNES'][];
};

const TERMS: TermSeed[] = [
  {
    code: '2020-2025',
    track: TermTrack.PARTY,
    start: 2020,
    end: 2025,
    pair: '2021-2026',
    ruleSet: 'QD-50-2021',
    entries: 90,
    references: { PROVINCE: '2020-10-01', DISTRICT: '2020-07-01', COMMUNE: '2020-05-01' },
    titles: [
      ['PROV-PARTY-SECRETARY', 'PROVINCE'],
      ['PROV-PARTY-DEPUTY', 'PROVINCE'],
      ['PROV-BOARD-HEAD', 'PARTY_ORGANS'],
      ['PROV-BOARD-DEPUTY', 'PARTY_ORGANS'],
      ['DIST-PARTY-SECRETARY', 'DISTRICTS'],
      ['DIST-PARTY-DEPUTY', 'DISTRICTS'],
    ],
  },
  {
    code: '2021-2026',
    track: TermTrack.STATE,
    start: 2021,
    end: 2026,
    pair: '2020-2025',
    ruleSet: 'QD-50-2021',
    entries: 94,
    references: { PROVINCE: '2021-05-01', DISTRICT: '2021-05-01', COMMUNE: '2021-05-01' },
    titles: [
      ['PROV-PEOPLES-COMMITTEE-CHAIR', 'PROVINCE'],
      ['PROV-DEPT-DIRECTOR', 'DEPARTMENTS'],
      ['PROV-DEPT-DEPUTY', 'DEPARTMENTS'],
      ['DIST-PEOPLES-COMMITTEE-CHAIR', 'DISTRICTS'],
    ],
  },
  {
    code: '2025-2030',
    track: TermTrack.PARTY,
    start: 2025,
    end: 2030,
    pair: '2026-2031',
    ruleSet: 'QD-377-2025',
    entries: 152,
    references: { PROVINCE: '2025-10-01', COMMUNE: '2025-07-01' },
    titles: [
      ['PROV-PARTY-SECRETARY', 'PROVINCE'],
      ['PROV-PARTY-DEPUTY', 'PROVINCE'],
      ['PROV-BOARD-HEAD', 'PARTY_ORGANS'],
      ['PROV-BOARD-DEPUTY', 'PARTY_ORGANS'],
      ['COMM-PARTY-SECRETARY', 'COMMUNES'],
      ['COMM-PARTY-DEPUTY', 'COMMUNES'],
    ],
  },
  {
    code: '2026-2031',
    track: TermTrack.STATE,
    start: 2026,
    end: 2031,
    pair: '2025-2030',
    ruleSet: 'QD-377-2025',
    entries: 111,
    references: { PROVINCE: '2026-03-15', COMMUNE: '2026-03-15' },
    titles: [
      ['PROV-PEOPLES-COMMITTEE-CHAIR', 'PROVINCE'],
      ['PROV-DEPT-DIRECTOR', 'DEPARTMENTS'],
      ['PROV-DEPT-DEPUTY', 'DEPARTMENTS'],
      ['COMM-PEOPLES-COMMITTEE-CHAIR', 'COMMUNES'],
      ['COMM-PEOPLES-COMMITTEE-VICE', 'COMMUNES'],
    ],
  },
];

/** Which programme closes which gap (training's demo programmes, by their deterministic ids). */
const DEVELOPMENT_NEEDS: [criterion: string, level: string, programme: string][] = [
  ['POLITICAL_THEORY', 'INTERMEDIATE', 'LLCT-TRUNG-CAP'],
  ['POLITICAL_THEORY', 'ADVANCED', 'LLCT-CAO-CAP'],
  ['STATE_MANAGEMENT', 'SPECIALIST', 'QLNN-CV'],
  ['STATE_MANAGEMENT', 'PRINCIPAL_SPECIALIST', 'QLNN-CVC'],
  ['STATE_MANAGEMENT', 'SENIOR_SPECIALIST', 'QLNN-CVCC'],
  ['GRADE', 'PRINCIPAL_SPECIALIST', 'QLNN-CVC'],
  ['GRADE', 'SENIOR_SPECIALIST', 'QLNN-CVCC'],
  ['EDUCATION', 'MASTER', 'THAC-SI-NN'],
];

interface Candidate {
  id: string;
  sex: string;
  dateOfBirth: string;
  ethnicity: string;
  retirementDate: string;
  orgUnit: { id: string };
  rank: number;
  level: string | null;
  /** The assignments of their career: realised entries follow from one (issue 15, item 3). */
  assignments: CareerAssignment[];
}

interface PersonnelDemo {
  candidates: Candidate[];
  titles: Map<string, { id: string; level: string; rank: number }>;
  units: { id: string; code: string; level: string; validTo: string | null }[];
}

const PAGE = `query ($after: String) {
  cadres(first: 200, after: $after) {
    edges { node { id sex dateOfBirth ethnicity retirementDate orgUnit { id } currentAssignments { title { rank level } }
      careerHistory { __typename ... on Assignment { id startsOn acting cancelled title { id } orgUnit { id } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// Personnel's answers, validated like every other service's (subgraph-client.ts).
const demoNode = z.object({
  id: z.string(),
  sex: z.string(),
  dateOfBirth: z.string(),
  ethnicity: z.string(),
  retirementDate: z.string(),
  orgUnit: z.object({ id: z.string() }),
  currentAssignments: z.array(z.object({ title: z.object({ rank: z.number(), level: z.string() }) })),
  careerHistory: z.array(
    z.union([careerAssignment, z.looseObject({ __typename: z.string().refine((type) => type !== 'Assignment') })]),
  ),
});
const demoPage = z.object({
  cadres: z.object({
    edges: z.array(z.object({ node: demoNode })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});
const demoMeta = z.object({
  titles: z.array(z.object({ id: z.string(), code: z.string(), level: z.string(), rank: z.number() })),
  orgUnits: z.array(
    z.object({
      children: z.array(
        z.object({ id: z.string(), code: z.string(), level: z.string(), validTo: z.string().nullable() }),
      ),
    }),
  ),
});

/**
 * Planning's demo entries name real cadres of the demo province with the facts personnel holds, so
 * they are read from personnel's API — never its tables — once it answers.
 */
async function readPersonnel(url: string, signingSecret: string, logger: Logger): Promise<PersonnelDemo> {
  const call = { signingSecret, caller: 'planning' };
  const health = new URL('/health', url);
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(health).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (attempt === 180) throw new Error(`personnel (${url}) did not answer; the planning demo needs it`);
    if (attempt === 0) logger.info('waiting for personnel to load the demo planning');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const candidates: Candidate[] = [];
  let after: string | null = null;
  do {
    const page: z.infer<typeof demoPage> = await callSubgraph('personnel', url, PAGE, { after }, demoPage, {
      ...call,
      timeoutMs: 30_000,
    });
    for (const { node } of page.cadres.edges) {
      const top = node.currentAssignments.map((a) => a.title).sort((a, b) => b.rank - a.rank)[0];
      const { careerHistory, ...facts } = node;
      const assignments = careerHistory.filter((e): e is CareerAssignment => e.__typename === 'Assignment');
      candidates.push({ ...facts, rank: top?.rank ?? -1, level: top?.level ?? null, assignments });
    }
    after = page.cadres.pageInfo.hasNextPage ? page.cadres.pageInfo.endCursor : null;
  } while (after);
  const meta = await callSubgraph(
    'personnel',
    url,
    `{ titles { id code level rank } orgUnits { children { id code level validTo } } }`,
    {},
    demoMeta,
    call,
  );
  return {
    candidates,
    titles: new Map(meta.titles.map((t) => [t.code, t])),
    units: meta.orgUnits.flatMap((root) => root.children),
  };
}

const UNIT_GROUPS: Record<TermSeed['titles'][number][1], (u: PersonnelDemo['units'][number]) => boolean> = {
  PROVINCE: () => false,
  PARTY_ORGANS: (u) => ['DB-BTC', 'DB-BTG', 'DB-BNC', 'DB-UBKT', 'DB-VPTU'].includes(u.code),
  DEPARTMENTS: (u) =>
    u.level === 'PROVINCE' &&
    u.code.startsWith('DB-') &&
    !['DB-BTC', 'DB-BTG', 'DB-BNC', 'DB-UBKT', 'DB-VPTU'].includes(u.code) &&
    !u.code.includes('-P'),
  DISTRICTS: (u) => u.level === 'DISTRICT',
  COMMUNES: (u) => u.level === 'COMMUNE',
};

/** Builds the demo planning: terms, planned titles, 447 entries obeying rules 14–15, two review rounds. */
export function buildDemoPlanning(personnel: PersonnelDemo) {
  const random = new SeededRandom(2025);
  const terms: Partial<Term>[] = [];
  const plannedTitles: Partial<PlannedTitle>[] = [];
  const entries: Partial<PlanningEntry>[] = [];
  const rounds: Partial<PlanningRound>[] = [];
  const flags: Partial<RoundFlag>[] = [];
  const provinceId = id('org-unit', 'DB');
  const unitId = (code: string) => deterministicUuid(`demo:org-unit:${code}`);

  for (const seed of TERMS) {
    const termId = id('term', seed.code);
    terms.push({
      id: termId,
      code: seed.code,
      track: seed.track,
      startYear: seed.start,
      endYear: seed.end,
      pairedTermId: id('term', seed.pair),
      ruleSetCode: seed.ruleSet,
      ageReferenceDates: seed.references,
    });
    const old = seed.end <= 2026 && seed.start < 2025;
    const roundId = id('round', seed.code);
    rounds.push({
      id: roundId,
      termId,
      year: old ? 2023 : 2026,
      code: `${seed.code}/${old ? 2023 : 2026}`,
      openedOn: old ? '2023-03-01' : '2026-03-02',
      closedOn: old ? '2023-06-30' : null,
    });

    const titlesOfTerm: Partial<PlannedTitle>[] = [];
    for (const [code, group] of seed.titles) {
      const title = personnel.titles.get(code)!;
      const units = group === 'PROVINCE' ? [provinceId] : personnel.units.filter(UNIT_GROUPS[group]).map((u) => u.id);
      for (const orgUnitId of units) {
        const planned = {
          id: id('planned-title', `${seed.code}:${code}:${orgUnitId}`),
          termId,
          titleId: title.id,
          orgUnitId: group === 'PROVINCE' ? null : orgUnitId,
          titleLevel: title.level,
          titleRank: title.rank,
          maxCandidates: 3,
        };
        titlesOfTerm.push(planned);
      }
    }
    plannedTitles.push(...titlesOfTerm);

    const perCadreLevel = new Map<string, number>();
    const taken = new Set<string>();
    let made = 0;
    const approvedOn = `${seed.start}-${old ? '03-15' : '08-20'}`;
    /** The appointment in the candidate's career that realises an entry for the planned title, if any. */
    const appointmentFor = (planned: Partial<PlannedTitle>, candidate: Candidate) =>
      realisingAppointment(
        candidate.assignments.filter((a) => a.title.id === planned.titleId),
        planned.orgUnitId ?? null,
        approvedOn,
        today(),
      );
    const add = (planned: Partial<PlannedTitle>, candidate: Candidate, rank: number, status?: PlanningStatus) => {
      const picked =
        status ??
        (old
          ? random.pick([
              PlanningStatus.EXPIRED,
              PlanningStatus.EXPIRED,
              PlanningStatus.EXPIRED,
              PlanningStatus.EXPIRED,
              PlanningStatus.REALISED,
              PlanningStatus.REMOVED,
            ])
          : random.chance(0.85)
            ? PlanningStatus.APPROVED
            : PlanningStatus.PROPOSED);
      // Realised only by an appointment in the career (issue 15, item 3); without one the term ran out.
      const appointment = picked === PlanningStatus.REALISED ? appointmentFor(planned, candidate) : null;
      const state = picked === PlanningStatus.REALISED && !appointment ? PlanningStatus.EXPIRED : picked;
      const entryId = id('planning-entry', `${seed.code}:${planned.id}:${candidate.id}`);
      const removal =
        state === PlanningStatus.REMOVED
          ? random.pick([
              RemovalReason.OVER_AGE,
              RemovalReason.DISCIPLINED,
              RemovalReason.RATED_NOT_COMPLETED,
              RemovalReason.OTHER,
            ])
          : null;
      entries.push({
        id: entryId,
        cadreId: candidate.id,
        titleId: planned.titleId,
        termId,
        plannedTitleId: planned.id,
        status: state,
        source: random.chance(0.9) ? PlanningSource.INTERNAL : PlanningSource.EXTERNAL,
        readiness: random.pick([
          Readiness.READY_NOW,
          Readiness.ONE_TO_TWO_YEARS,
          Readiness.ONE_TO_TWO_YEARS,
          Readiness.THREE_TO_FIVE_YEARS,
        ]),
        candidateRank: rank,
        emergencySuccessor: rank === 1 && random.chance(0.3),
        roundId: !old && state === PlanningStatus.PROPOSED ? roundId : null,
        addedDecisionNumber: state === PlanningStatus.PROPOSED ? null : `${old ? 1200 + made : 3100 + made}-QĐ/TU`,
        addedOn: state === PlanningStatus.PROPOSED ? null : approvedOn,
        realisedAssignmentId: appointment?.id ?? null,
        realisedOn: appointment?.startsOn ?? null,
        realisedDecisionNumber: appointment ? `${2400 + made}-QĐ/TU` : null,
        removedDecisionNumber: removal ? `${1900 + made}-QĐ/TU` : null,
        removedOn: removal ? '2023-06-30' : null,
        removalReason: removal,
        cadreSex: candidate.sex,
        cadreDateOfBirth: candidate.dateOfBirth,
        cadreEthnicity: candidate.ethnicity,
        cadreOrgUnitId: candidate.orgUnit.id,
        warnings:
          yearsBetween(seed.references[planned.titleLevel!] ?? `${seed.start}-01-01`, candidate.retirementDate) < 10
            ? ['UNDER_TWO_TERMS_OF_SERVICE']
            : [],
      });
      if (removal && removal !== RemovalReason.OTHER) {
        flags.push({
          id: id('flag', entryId),
          roundId,
          entryId,
          reason: removal,
          details: 'Annual review 2023',
          confirmedDecisionNumber: `${1900 + made}-QĐ/TU`,
          confirmedOn: '2023-06-30',
        });
      }
      perCadreLevel.set(
        `${candidate.id}:${planned.titleLevel}`,
        (perCadreLevel.get(`${candidate.id}:${planned.titleLevel}`) ?? 0) + 1,
      );
      taken.add(`${candidate.id}:${planned.id}`);
      made++;
    };

    // Cadre 1 (the README's example) is planned in the old and the new Party term.
    const example = personnel.candidates.find((c) => c.id === demoKeys.cadreId(1));
    if (example && seed.code === '2020-2025')
      add(
        titlesOfTerm.find(
          (p) => p.titleId === personnel.titles.get('PROV-BOARD-HEAD')!.id && p.orgUnitId === unitId('DB-BTC'),
        )!,
        example,
        1,
        PlanningStatus.EXPIRED,
      );
    if (example && seed.code === '2025-2030')
      add(
        titlesOfTerm.find((p) => p.titleId === personnel.titles.get('PROV-PARTY-DEPUTY')!.id)!,
        example,
        1,
        PlanningStatus.APPROVED,
      );

    // Fill titles in rank order, up to three candidates each, with cadres the rules allow.
    const ordered = [...titlesOfTerm].sort((a, b) => b.titleRank! - a.titleRank!);
    for (let pass = 0; pass < 3 && made < seed.entries; pass++) {
      for (const planned of ordered) {
        if (made >= seed.entries) break;
        const reference = seed.references[planned.titleLevel!] ?? `${seed.start}-01-01`;
        const already = entries.filter((e) => e.plannedTitleId === planned.id).length;
        if (already > pass) continue;
        const eligible = personnel.candidates.filter(
          (c) =>
            c.rank >= 0 &&
            c.rank < planned.titleRank! &&
            // Commune titles draw on commune leaders; province titles on province leaders; the
            // abolished districts' titles on both (their leaders now lead communes).
            (planned.titleLevel === 'DISTRICT' || (planned.titleLevel === 'COMMUNE') === (c.level === 'COMMUNE')) &&
            yearsBetween(reference, c.retirementDate) >= 5 &&
            (perCadreLevel.get(`${c.id}:${planned.titleLevel}`) ?? 0) < 3 &&
            !taken.has(`${c.id}:${planned.id}`),
        );
        if (eligible.length) add(planned, random.pick(eligible), already + 1);
      }
    }

    // In the ended terms, a cadre appointed to a planned title after the planning's approval was
    // its candidate, and the entry came true: for each title, an expired candidacy goes to such an
    // appointee, realised by that appointment (issue 15, item 3). No draw is made here, so the
    // other entries, and the later terms', are what they were.
    if (old) {
      let realised = 0;
      for (const planned of titlesOfTerm) {
        const expired = entries.find(
          (e) =>
            e.plannedTitleId === planned.id && e.status === PlanningStatus.EXPIRED && e.cadreId !== demoKeys.cadreId(1),
        );
        if (!expired) continue;
        const reference = seed.references[planned.titleLevel!] ?? `${seed.start}-01-01`;
        const levelKey = (c: string) => `${c}:${planned.titleLevel}`;
        const appointee = personnel.candidates.find(
          (c) =>
            c.id !== demoKeys.cadreId(1) &&
            appointmentFor(planned, c) &&
            yearsBetween(reference, c.retirementDate) >= 5 &&
            (perCadreLevel.get(levelKey(c.id)) ?? 0) < 3 &&
            !taken.has(`${c.id}:${planned.id}`),
        );
        if (!appointee) continue;
        const appointment = appointmentFor(planned, appointee)!;
        perCadreLevel.set(levelKey(expired.cadreId!), perCadreLevel.get(levelKey(expired.cadreId!))! - 1);
        taken.delete(`${expired.cadreId}:${planned.id}`);
        perCadreLevel.set(levelKey(appointee.id), (perCadreLevel.get(levelKey(appointee.id)) ?? 0) + 1);
        taken.add(`${appointee.id}:${planned.id}`);
        Object.assign(expired, {
          id: id('planning-entry', `${seed.code}:${planned.id}:${appointee.id}`),
          cadreId: appointee.id,
          status: PlanningStatus.REALISED,
          realisedAssignmentId: appointment.id,
          realisedOn: appointment.startsOn,
          realisedDecisionNumber: `${2700 + realised++}-QĐ/TU`,
          cadreSex: appointee.sex,
          cadreDateOfBirth: appointee.dateOfBirth,
          cadreEthnicity: appointee.ethnicity,
          cadreOrgUnitId: appointee.orgUnit.id,
          warnings: yearsBetween(reference, appointee.retirementDate) < 10 ? ['UNDER_TWO_TERMS_OF_SERVICE'] : [],
        });
      }
    }
  }
  const needs: Partial<DevelopmentNeed>[] = DEVELOPMENT_NEEDS.map(([criterion, level, programme]) => ({
    id: id('development-need', `${criterion}:${level}`),
    criterion,
    level,
    programmeId: id('programme', programme),
  }));
  return { terms, plannedTitles, entries, rounds, flags, needs };
}

async function insertDemo(manager: EntityManager, demo: ReturnType<typeof buildDemoPlanning>): Promise<void> {
  // Terms name their pairs: insert, then link.
  await insertInChunks(
    manager,
    Term,
    demo.terms.map((t) => ({ ...t, pairedTermId: null })),
  );
  for (const term of demo.terms) await manager.update(Term, term.id!, { pairedTermId: term.pairedTermId });
  await insertInChunks(manager, PlannedTitle, demo.plannedTitles);
  await insertInChunks(manager, PlanningRound, demo.rounds);
  await insertInChunks(manager, PlanningEntry, demo.entries);
  await insertInChunks(manager, RoundFlag, demo.flags);
  await insertInChunks(manager, DevelopmentNeed, demo.needs);
}

export async function seedDemoData(
  dataSource: DataSource,
  logger: Logger,
  env: Record<string, unknown>,
): Promise<void> {
  // Seeded already: no need to wait for personnel, unless entries older than their unit column remain.
  if (await dataSource.getRepository(Term).count()) {
    await fillCandidateUnits(
      dataSource,
      logger,
      env.PERSONNEL_URL as string | undefined,
      env.INTERNAL_SIGNING_SECRET as string,
    );
    return;
  }
  const personnelUrl = env.PERSONNEL_URL as string | undefined;
  if (!personnelUrl) throw new Error('PERSONNEL_URL is required to load the planning demo data');
  const demo = buildDemoPlanning(await readPersonnel(personnelUrl, env.INTERNAL_SIGNING_SECRET as string, logger));
  const seeded = await seedWhenEmpty(
    dataSource,
    'planning',
    async (m) => (await m.count(Term)) === 0,
    (manager) => insertDemo(manager, demo),
  );
  if (seeded) logger.info({ terms: demo.terms.length, entries: demo.entries.length }, 'demo data loaded');
}
