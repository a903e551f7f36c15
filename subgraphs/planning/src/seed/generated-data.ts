import { demoKeys, deterministicUuid, generatedKeys, must } from '@cadres/core';
import type { GeneratorContext } from '@cadres/subgraph-kit';
import { PlannedTitle } from '../modules/planned-title/planned-title.entity';
import {
  PlanningEntry,
  PlanningSource,
  PlanningStatus,
  Readiness,
} from '../modules/planning-entry/planning-entry.entity';
import { RemovalReason } from '../modules/round/round.entity';

/** Cadres per chunk: a whole number of teams (25 cadres each), so a team's planning loads at once. */
const CHUNK = 5000;
/** Each generated team plans its head (3 candidates) and deputies (4) in the state track's two terms. */
const TITLES = [
  { code: 'PROV-DIVISION-HEAD', rank: 50, candidates: 3 },
  { code: 'PROV-DIVISION-DEPUTY', rank: 40, candidates: 4 },
];
const TERMS = [
  { code: '2021-2026', status: PlanningStatus.APPROVED, addedOn: '2021-08-20' },
  { code: '2026-2031', status: PlanningStatus.PROPOSED, addedOn: null },
];
const id = (kind: string, key: string) => deterministicUuid(`generated:${kind}:${key}`);
const READINESS = [
  Readiness.READY_NOW,
  Readiness.ONE_TO_TWO_YEARS,
  Readiness.ONE_TO_TWO_YEARS,
  Readiness.THREE_TO_FIVE_YEARS,
];

/**
 * Loads a generated dataset into planning: every generated team's head and deputy posts are planned
 * for both state terms from the team's own cadres, the earlier term approved (with the odd removal
 * at the annual review), the current one proposed.
 */
export async function generatePlanning({ dataset, insert, cadresDone }: GeneratorContext): Promise<void> {
  for (const numbers of generatedKeys.chunks(dataset, CHUNK)) {
    const units = [...new Set(numbers.map(generatedKeys.unitOf))];
    const plannedTitles: Partial<PlannedTitle>[] = [];
    const entries: Partial<PlanningEntry>[] = [];
    for (const unit of units) {
      const members = numbers.filter((n) => generatedKeys.unitOf(n) === unit);
      TERMS.forEach((term, t) => {
        const r = generatedKeys.random(dataset.seed, unit, `planning:${term.code}`);
        // Distinct cadres per term, drawn from the team: a cadre is planned for one post a term.
        const pool = shuffle(members, () => r.next());
        for (const title of TITLES) {
          const plannedTitleId = id('planned-title', `${term.code}:${title.code}:${unit}`);
          plannedTitles.push({
            id: plannedTitleId,
            termId: demoId('term', term.code),
            titleId: demoKeys.titleId(title.code),
            orgUnitId: generatedKeys.unitId(unit),
            titleLevel: 'PROVINCE',
            titleRank: title.rank,
            maxCandidates: title.candidates,
          });
          // The earlier term lost one candidate at its review; the seat was filled again.
          const removed = t === 0 && r.chance(0.3) ? 1 : 0;
          for (let rank = 1; rank <= title.candidates + removed && pool.length > 0; rank++) {
            const facts = generatedKeys.facts(dataset.seed, pool.pop()!);
            const status = rank > title.candidates ? PlanningStatus.REMOVED : term.status;
            const cites = status !== PlanningStatus.PROPOSED;
            entries.push({
              id: id('planning-entry', `${plannedTitleId}:${facts.number}`),
              cadreId: facts.id,
              cadreOrgUnitId: generatedKeys.unitId(facts.unit),
              titleId: demoKeys.titleId(title.code),
              termId: demoId('term', term.code),
              plannedTitleId,
              status,
              source: PlanningSource.INTERNAL,
              readiness: r.pick(READINESS),
              candidateRank: Math.min(rank, title.candidates),
              emergencySuccessor: rank === 1 && r.chance(0.3),
              addedDecisionNumber: cites ? `G${unit}-${t}/QĐ-UBND` : null,
              addedOn: cites ? term.addedOn : null,
              removedDecisionNumber: status === PlanningStatus.REMOVED ? `G${unit}-R/QĐ-UBND` : null,
              removedOn: status === PlanningStatus.REMOVED ? '2023-06-30' : null,
              removalReason: status === PlanningStatus.REMOVED ? RemovalReason.RATED_NOT_COMPLETED : null,
              cadreSex: facts.sex,
              cadreDateOfBirth: facts.dateOfBirth,
              cadreEthnicity: facts.ethnicity,
              warnings: [],
            });
          }
        }
      });
    }
    await insert(PlannedTitle, plannedTitles);
    await insert(PlanningEntry, entries);
    cadresDone(numbers.length);
  }
}

function demoId(kind: string, code: string): string {
  return deterministicUuid(`demo:${kind}:${code}`);
}

/** Fisher–Yates with the given draws: the same draws, the same order. */
function shuffle<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [must(copy[j], 'j <= i'), must(copy[i], 'i < copy.length')];
  }
  return copy;
}
