import { must } from '@cadres/core';
import { representations, useSubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { PlannedTitle } from '../src/modules/planned-title/planned-title.entity';
import { PlanningEntry, PlanningStatus } from '../src/modules/planning-entry/planning-entry.entity';
import { Term, TermTrack } from '../src/modules/term/term.entity';
import { planningSubgraph } from '../src/subgraph';

const harness = useSubgraphHarness(planningSubgraph);

async function createTerm(overrides: Partial<Term> = {}): Promise<Term> {
  const startYear = randomInt(2100, 9000);
  return harness.subgraph.dataSource.getRepository(Term).save({
    code: `T-${randomUUID().slice(0, 8)}`,
    track: TermTrack.PARTY,
    startYear,
    endYear: startYear + 5,
    ruleSetCode: 'QD-377-2025',
    ageReferenceDates: {},
    ...overrides,
  });
}

async function plannedTitle(term: Term, titleId: string, maxCandidates = 3): Promise<PlannedTitle> {
  return harness.subgraph.dataSource
    .getRepository(PlannedTitle)
    .save({ termId: term.id, titleId, orgUnitId: null, titleLevel: 'PROVINCE', titleRank: 80, maxCandidates });
}

const HISTORY = `query ($refs: [_Any!]!) {
  _entities(representations: $refs) {
    ... on Cadre { id planningHistory { status readiness term { code ruleSet { code } } title { id } plannedTitle { maxCandidates } reviewFlags { reason } } }
  }
}`;

interface HistoryData {
  _entities: { id: string; planningHistory: { status: string; term: { code: string }; title: { id: string } }[] }[];
}

describe('Cadre.planningHistory', () => {
  it('costs the same SQL statements for 100 cadres as for 10', async () => {
    const older = await createTerm();
    const newer = await createTerm({ startYear: older.startYear + 5, endYear: older.startYear + 10 });
    const titleId = randomUUID();
    const [olderTitle, newerTitle] = [await plannedTitle(older, titleId, 100), await plannedTitle(newer, titleId, 100)];
    const cadreIds = Array.from({ length: 100 }, () => randomUUID());
    await harness.subgraph.dataSource.getRepository(PlanningEntry).insert(
      cadreIds.flatMap((cadreId) => [
        {
          cadreId,
          titleId,
          termId: newer.id,
          plannedTitleId: newerTitle.id,
          status: PlanningStatus.APPROVED,
          addedDecisionNumber: '1-QĐ/TU',
          addedOn: '2025-08-20',
        },
        {
          cadreId,
          titleId,
          termId: older.id,
          plannedTitleId: olderTitle.id,
          status: PlanningStatus.EXPIRED,
          addedDecisionNumber: '1-QĐ/TU',
        },
      ]),
    );

    const { few, many } = await harness.measureFewAndMany<HistoryData>(HISTORY, (n) => ({
      refs: representations('Cadre', cadreIds.slice(0, n)),
    }));

    expect(many.body.errors).toBeUndefined();
    for (const cadre of many.body.data!._entities) {
      // By term, oldest first; the title is a reference that personnel resolves through the gateway.
      expect(cadre.planningHistory).toEqual([
        expect.objectContaining({
          status: 'EXPIRED',
          term: { code: older.code, ruleSet: { code: 'QD-377-2025' } },
          title: { id: titleId },
        }),
        expect.objectContaining({
          status: 'APPROVED',
          term: { code: newer.code, ruleSet: { code: 'QD-377-2025' } },
          title: { id: titleId },
        }),
      ]);
    }
    // Entries, terms, rule sets, planned titles, flags: a fixed number of statements.
    expect(few.sqlStatements).toBe(many.sqlStatements);
    expect(many.sqlStatements).toBe(4);
  });

  it('computes the standards gap from what the gateway hands over (@requires)', async () => {
    const term = await createTerm();
    const titleId = randomUUID();
    const planned = await plannedTitle(term, titleId);
    const cadreId = randomUUID();
    const [entry] = await harness.subgraph.dataSource.getRepository(PlanningEntry).save([
      {
        cadreId,
        titleId,
        termId: term.id,
        plannedTitleId: planned.id,
        status: PlanningStatus.APPROVED,
        addedDecisionNumber: '2-QĐ/TU',
        addedOn: '2025-08-20',
      },
    ]);
    const programmeId = randomUUID();
    await harness.subgraph.dataSource.query(
      `INSERT INTO development_need (criterion, level, programme_id) VALUES ('POLITICAL_THEORY', 'ADVANCED', $1) ON CONFLICT DO NOTHING`,
      [programmeId],
    );
    // What the gateway sends: the entry's key plus the required fields from personnel and training.
    const result = await harness.query<{
      _entities: {
        standardsGap: {
          meetsStandard: boolean;
          lacking: { criterion: string; required: string; held: string | null; closingProgrammes: { id: string }[] }[];
        };
      }[];
    }>(
      `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on PlanningEntry { standardsGap { meetsStandard lacking { criterion required held closingProgrammes { id } } } } } }`,
      {
        refs: [
          {
            __typename: 'PlanningEntry',
            id: entry?.id,
            cadre: {
              politicalTheoryLevel: 'INTERMEDIATE',
              stateManagementLevel: 'PRINCIPAL_SPECIALIST',
              highestDegree: 'MASTER',
              grade: 'PRINCIPAL_SPECIALIST',
            },
            title: {
              minPoliticalTheoryLevel: 'ADVANCED',
              minStateManagementLevel: 'PRINCIPAL_SPECIALIST',
              minEducation: 'BACHELOR',
              minGrade: 'PRINCIPAL_SPECIALIST',
            },
          },
        ],
      },
    );
    const { standardsGap } = must(result.body.data!._entities[0], 'the one representation asked for');
    expect(standardsGap.meetsStandard).toBe(false);
    expect(standardsGap.lacking).toHaveLength(1);
    expect(standardsGap.lacking[0]).toMatchObject({
      criterion: 'POLITICAL_THEORY',
      required: 'ADVANCED',
      held: 'INTERMEDIATE',
    });
    expect(standardsGap.lacking[0]?.closingProgrammes.map((p) => p.id)).toContain(programmeId);
  });
});

describe('database constraints', () => {
  it('plans a cadre for a planned title only once', async () => {
    const term = await createTerm();
    const titleId = randomUUID();
    const planned = await plannedTitle(term, titleId);
    const entry = {
      cadreId: randomUUID(),
      titleId,
      termId: term.id,
      plannedTitleId: planned.id,
      status: PlanningStatus.PROPOSED,
    };
    const entries = harness.subgraph.dataSource.getRepository(PlanningEntry);
    await entries.insert(entry);
    await expect(entries.insert({ ...entry })).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('refuses a term that ends before it starts, and an approval without its decision', async () => {
    await expect(createTerm({ startYear: 2030, endYear: 2025 })).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
    const term = await createTerm();
    const planned = await plannedTitle(term, randomUUID());
    await expect(
      harness.subgraph.dataSource.getRepository(PlanningEntry).insert({
        cadreId: randomUUID(),
        titleId: planned.titleId,
        termId: term.id,
        plannedTitleId: planned.id,
        status: PlanningStatus.APPROVED,
      }),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'planning_entry_approval_cites' } });
  });
});
