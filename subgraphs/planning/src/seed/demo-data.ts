import { deterministicUuid, demoKeys, SeededRandom, type Logger } from '@cadres/core';
import { seedWhenEmpty } from '@cadres/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { PlanningEntry, PlanningStatus } from '../modules/planning-entry/planning-entry.entity';
import { Term, TermTrack } from '../modules/term/term.entity';

const termId = (code: string) => deterministicUuid(`demo:term:${code}`);

const TERMS: [code: string, track: TermTrack, startYear: number, endYear: number][] = [
  ['2020-2025', TermTrack.PARTY, 2020, 2025],
  ['2021-2026', TermTrack.STATE, 2021, 2026],
  ['2025-2030', TermTrack.PARTY, 2025, 2030],
  ['2026-2031', TermTrack.STATE, 2026, 2031],
];

/** Titles of the personnel demo data that planning plans for, by the term track they belong to. */
const PLANNED_TITLES: Record<TermTrack, string[]> = {
  [TermTrack.PARTY]: ['PROV-PARTY-DEPUTY', 'PROV-BOARD-HEAD', 'COMM-PARTY-SECRETARY'],
  [TermTrack.STATE]: ['PROV-DEPT-DIRECTOR', 'PROV-DEPT-DEPUTY', 'COMM-PEOPLES-COMMITTEE-CHAIR'],
};

/** Cadre 1 (the README's example) is planned in the old and the new Party term. */
const FIXED_ENTRIES: [term: string, title: string, status: PlanningStatus][] = [
  ['2020-2025', 'PROV-BOARD-HEAD', PlanningStatus.EXPIRED],
  ['2025-2030', 'PROV-PARTY-DEPUTY', PlanningStatus.APPROVED],
];

function demoEntries(): Partial<PlanningEntry>[] {
  const random = new SeededRandom(2025);
  const entries: Partial<PlanningEntry>[] = [];
  const add = (n: number, term: string, title: string, status: PlanningStatus) =>
    entries.push({
      id: deterministicUuid(`demo:planning-entry:${n}:${term}:${title}`),
      cadreId: demoKeys.cadreId(n),
      termId: termId(term),
      titleId: demoKeys.titleId(title),
      status,
    });
  for (const [term, title, status] of FIXED_ENTRIES) add(1, term, title, status);
  for (let n = 2; n <= demoKeys.sampleCadreCount; n++) {
    if (!random.chance(0.6)) continue;
    const [term, track, startYear] = random.pick(TERMS);
    const status = startYear < 2025 ? random.pick([PlanningStatus.EXPIRED, PlanningStatus.REALISED]) : PlanningStatus.APPROVED;
    add(n, term, random.pick(PLANNED_TITLES[track]), status);
  }
  return entries;
}

async function insertDemoData(manager: EntityManager): Promise<void> {
  await manager.insert(
    Term,
    TERMS.map(([code, track, startYear, endYear]) => ({ id: termId(code), code, track, startYear, endYear })),
  );
  await manager.insert(PlanningEntry, demoEntries());
}

export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const seeded = await seedWhenEmpty(dataSource, 'planning', async (m) => (await m.count(Term)) === 0, insertDemoData);
  if (seeded) logger.info({ terms: TERMS.length }, 'demo data loaded');
}
