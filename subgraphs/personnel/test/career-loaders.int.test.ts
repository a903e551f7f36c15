import { useSubgraphHarness } from '@cadres/testing';
import { Appointment, AppointmentKind, Assignment } from '../src/modules/appointment/appointment.entity';
import { Mobility, MobilityKind } from '../src/modules/mobility/mobility.entity';
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
