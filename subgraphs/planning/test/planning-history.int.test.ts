import { representations, startSubgraphHarness, type SubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { PlanningRepositories } from '../src/context';
import { PlanningEntry, PlanningStatus } from '../src/modules/planning-entry/planning-entry.entity';
import { Term, TermTrack } from '../src/modules/term/term.entity';
import { planningSubgraph } from '../src/subgraph';

let harness: SubgraphHarness<PlanningRepositories>;

beforeAll(async () => {
  harness = await startSubgraphHarness(planningSubgraph);
});

afterAll(() => harness.stop());

async function createTerm(overrides: Partial<Term> = {}): Promise<Term> {
  const startYear = randomInt(2100, 9000);
  return harness.subgraph.dataSource
    .getRepository(Term)
    .save({ code: `T-${randomUUID().slice(0, 8)}`, track: TermTrack.PARTY, startYear, endYear: startYear + 5, ...overrides });
}

const HISTORY = `query ($refs: [_Any!]!) {
  _entities(representations: $refs) { ... on Cadre { id planningHistory { status term { code } title { id } } } }
}`;

interface HistoryData {
  _entities: { id: string; planningHistory: { status: string; term: { code: string }; title: { id: string } }[] }[];
}

describe('Cadre.planningHistory', () => {
  it('costs the same SQL statements for 100 cadres as for 10', async () => {
    const older = await createTerm();
    const newer = await createTerm({ startYear: older.startYear + 5, endYear: older.startYear + 10 });
    const titleId = randomUUID();
    const cadreIds = Array.from({ length: 100 }, () => randomUUID());
    await harness.subgraph.dataSource.getRepository(PlanningEntry).insert(
      cadreIds.flatMap((cadreId) => [
        { cadreId, titleId, termId: newer.id, status: PlanningStatus.APPROVED },
        { cadreId, titleId, termId: older.id, status: PlanningStatus.EXPIRED },
      ]),
    );

    const few = await harness.query(HISTORY, { refs: representations('Cadre', cadreIds.slice(0, 10)) });
    const many = await harness.query<HistoryData>(HISTORY, { refs: representations('Cadre', cadreIds) });

    expect(many.body.errors).toBeUndefined();
    for (const cadre of many.body.data!._entities) {
      // By term, oldest first; the title is a reference that personnel resolves through the gateway.
      expect(cadre.planningHistory).toEqual([
        { status: 'EXPIRED', term: { code: older.code }, title: { id: titleId } },
        { status: 'APPROVED', term: { code: newer.code }, title: { id: titleId } },
      ]);
    }
    // Entries, then terms: one statement each, whatever the number of cadres.
    expect(many.sqlStatements).toBe(2);
    expect(few.sqlStatements).toBe(many.sqlStatements);
  });
});

describe('database constraints', () => {
  it('plans a cadre for a title in a term only once', async () => {
    const term = await createTerm();
    const entry = { cadreId: randomUUID(), titleId: randomUUID(), termId: term.id, status: PlanningStatus.PROPOSED };
    const entries = harness.subgraph.dataSource.getRepository(PlanningEntry);
    await entries.insert(entry);
    await expect(entries.insert({ ...entry })).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('refuses a term that ends before it starts', async () => {
    await expect(createTerm({ startYear: 2030, endYear: 2025 })).rejects.toMatchObject({ driverError: { code: '23514' } });
  });
});
