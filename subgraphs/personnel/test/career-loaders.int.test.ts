import { must } from '@cadres/core';
import { representations, useSubgraphHarness } from '@cadres/testing';
import { Appointment, AppointmentKind, Assignment } from '../src/modules/appointment/appointment.entity';
import { Degree } from '../src/modules/cadre/cadre-details.entity';
import { Evaluation, EvaluationRating } from '../src/modules/evaluation/evaluation.entity';
import { Mobility, MobilityKind } from '../src/modules/mobility/mobility.entity';
import { EducationLevel } from '../src/modules/title/title.enums';
import { personnelSubgraph } from '../src/subgraph';
import { decision } from './career-fixtures';
import { createCadres, createOrgUnit, createTitle } from './factories';

const harness = useSubgraphHarness(personnelSubgraph);

const DOSSIERS = `query ($unit: ID!, $first: Int!) {
  cadres(filter: { orgUnitSubtree: $unit }, first: $first) {
    edges { node {
      fullName retirementDate yearsOfServiceLeft orgUnit { name }
      currentAssignments { title { name } orgUnit { name } termEndsOn }
      careerHistory {
        __typename
        ... on Assignment { startsOn title { name } orgUnit { name } decision { number } appointments { kind termEndsOn renewableFrom } }
        ... on Mobility { startsOn kind purpose fromOrgUnit { name } toOrgUnit { name } decision { number } }
      }
      evaluations { year rating }
      disciplines { form }
    } }
  }
}`;

interface DossierPage {
  cadres: { edges: { node: { careerHistory: { __typename: string }[]; currentAssignments: unknown[] } }[] };
}

describe('careerHistory and currentAssignments', () => {
  it('cost the same SQL statements for 100 cadres as for 10', async () => {
    const dataSource = harness.subgraph.dataSource;
    const unit = await createOrgUnit(dataSource);
    const destination = await createOrgUnit(dataSource);
    const cadres = await createCadres(dataSource, unit.id, 100);
    const decisionId = await decision(harness, '2024-01-02');
    // Each cadre: a deputy post held since 2024 and a secondment; bulk-inserted, the API is tested elsewhere.
    const title = await createTitle(dataSource, { isHead: false, maxHolders: 100 });
    const assignments = await dataSource.getRepository(Assignment).save(
      cadres.map((c) => ({
        cadreId: c.id,
        titleId: title.id,
        orgUnitId: unit.id,
        startsOn: '2024-01-02',
        singleHolder: false,
        decisionId,
      })),
    );
    await dataSource.getRepository(Appointment).insert(
      assignments.map((a) => ({
        assignmentId: a.id,
        cadreId: a.cadreId,
        kind: AppointmentKind.FIRST,
        effectiveOn: '2024-01-02',
        termEndsOn: '2029-01-02',
        decisionId,
      })),
    );
    await dataSource.getRepository(Mobility).insert(
      cadres.map((c) => ({
        cadreId: c.id,
        kind: MobilityKind.SECONDMENT,
        purpose: 'Biệt phái',
        fromOrgUnitId: unit.id,
        toOrgUnitId: destination.id,
        startsOn: '2025-03-03',
        plannedEndOn: '2026-03-03',
        decisionId,
      })),
    );

    const { few, many } = await harness.measureFewAndMany<DossierPage>(DOSSIERS, (n) => ({ unit: unit.id, first: n }));

    expect(many.body.errors).toBeUndefined();
    const nodes = many.body.data!.cadres.edges.map((e) => e.node);
    expect(nodes).toHaveLength(100);
    for (const node of nodes) {
      expect(node.careerHistory.map((e) => e.__typename)).toEqual(['Assignment', 'Mobility']);
      expect(node.currentAssignments).toHaveLength(1);
    }
    expect(few.sqlStatements).toBe(many.sqlStatements);
    // Page, count, rules, every list of the cadres (assignments, held posts, moves, evaluations,
    // disciplines: one statement), decisions, appointments: a fixed set (10 when each list had its own).
    expect(many.sqlStatements).toBe(6);
  });
});

describe('a dossier and a reference read their record and lists together', () => {
  it('read the cadre with every list asked in one statement, with the lists as each field gives them', async () => {
    const dataSource = harness.subgraph.dataSource;
    const unit = await createOrgUnit(dataSource);
    const destination = await createOrgUnit(dataSource);
    const cadre = must((await createCadres(dataSource, unit.id, 1))[0], 'one cadre made');
    const decisionId = await decision(harness, '2015-01-02');
    const title = await createTitle(dataSource, { isHead: false, maxHolders: 100 });
    const held = { cadreId: cadre.id, titleId: title.id, orgUnitId: unit.id, singleHolder: false, decisionId };
    // Ended, cancelled, and held today: only the last is a current post; the history keeps all three.
    await dataSource.getRepository(Assignment).insert([
      { ...held, startsOn: '2015-01-02', endsOn: '2020-01-02' },
      { ...held, startsOn: '2019-03-01', cancelled: true },
      { ...held, startsOn: '2020-01-02' },
    ]);
    await dataSource.getRepository(Mobility).insert({
      cadreId: cadre.id,
      kind: MobilityKind.ROTATION,
      purpose: 'Luân chuyển',
      fromOrgUnitId: unit.id,
      toOrgUnitId: destination.id,
      startsOn: '2016-05-05',
      plannedEndOn: '2018-05-05',
      decisionId,
    });
    await dataSource.getRepository(Evaluation).insert([
      { cadreId: cadre.id, year: 2022, rating: EvaluationRating.GOOD, decisionId },
      { cadreId: cadre.id, year: 2023, rating: EvaluationRating.EXCELLENT, decisionId, cancelled: true },
      { cadreId: cadre.id, year: 2024, rating: EvaluationRating.EXCELLENT, decisionId },
    ]);
    await dataSource.getRepository(Degree).insert([
      { cadreId: cadre.id, level: EducationLevel.MASTER, field: 'Luật', institution: 'ĐH Luật', year: 2012 },
      { cadreId: cadre.id, level: EducationLevel.BACHELOR, field: 'Luật', institution: 'ĐH Luật', year: 2004 },
    ]);

    const dossier = await harness.query<{
      cadre: {
        currentAssignments: { startsOn: string }[];
        heldIn2017: { startsOn: string }[];
        careerHistory: { __typename: string; startsOn: string; cancelled: boolean }[];
        evaluations: { year: number }[];
        degrees: { year: number }[];
        highestDegree: string;
      };
    }>(
      `query ($id: ID!) { cadre(id: $id) { ...Lists } }
       fragment Lists on Cadre {
         currentAssignments { startsOn } heldIn2017: currentAssignments(at: "2017-06-01") { startsOn }
         careerHistory { __typename ... on Assignment { startsOn cancelled } ... on Mobility { startsOn cancelled } }
         evaluations { year } degrees { year } highestDegree
       }`,
      { id: cadre.id },
    );

    expect(dossier.body.errors).toBeUndefined();
    expect(dossier.body.data!.cadre).toEqual({
      currentAssignments: [{ startsOn: '2020-01-02' }],
      heldIn2017: [{ startsOn: '2015-01-02' }],
      careerHistory: [
        { __typename: 'Assignment', startsOn: '2015-01-02', cancelled: false },
        { __typename: 'Mobility', startsOn: '2016-05-05', cancelled: false },
        { __typename: 'Assignment', startsOn: '2019-03-01', cancelled: true },
        { __typename: 'Assignment', startsOn: '2020-01-02', cancelled: false },
      ],
      evaluations: [{ year: 2024 }, { year: 2022 }],
      degrees: [{ year: 2004 }, { year: 2012 }],
      highestDegree: 'MASTER',
    });
    // The cadre with its four lists, and the rules in effect (for the retirement in the history).
    expect(dossier.sqlStatements).toBe(2);

    // Planning's standards gap asks personnel for the cadres' unit and highest degree: one statement
    // (the unit from memory, once the reference tables have the new unit).
    const references = `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Cadre { orgUnit { id } highestDegree } } }`;
    await harness.warmReferences(references, { refs: representations('Cadre', [cadre.id]) });
    const reference = await harness.query<{ _entities: { highestDegree: string; orgUnit: { id: string } }[] }>(
      references,
      { refs: representations('Cadre', [cadre.id]) },
    );
    expect(reference.body.errors).toBeUndefined();
    expect(reference.body.data!._entities).toEqual([{ orgUnit: { id: unit.id }, highestDegree: 'MASTER' }]);
    expect(reference.sqlStatements).toBe(1);
  });
});
