import { startSubgraphHarness, testDatabaseUrl, type SubgraphHarness } from '@cadres/testing';
import { Client } from 'pg';
import type { PersonnelRepositories } from '../src/context';
import { personnelSubgraph } from '../src/subgraph';
import { createCadres, createOrgUnit } from './factories';

let harness: SubgraphHarness<PersonnelRepositories>;

beforeAll(async () => {
  harness = await startSubgraphHarness(personnelSubgraph);
});

afterAll(() => harness.stop());

const CADRE_UNIT = `query ($id: ID!) { cadre(id: $id) { orgUnit { name } } }`;

describe('org units held in memory', () => {
  it('cost no statement once loaded, and show a change made outside the API once PostgreSQL announces it', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const [cadre] = await createCadres(harness.subgraph.dataSource, unit.id, 1);
    const second = await harness.measureSteady(
      { query: CADRE_UNIT, variables: { id: cadre.id } },
      () => harness.query<{ cadre: { orgUnit: { name: string } } }>(CADRE_UNIT, { id: cadre.id }),
      (measured) => measured.sqlStatements === 1,
    );
    expect(second.body.data?.cadre.orgUnit.name).toBe(unit.name);
    // The cadre (with today's unit id) is one statement; the unit itself comes from memory.
    expect(second.sqlStatements).toBe(1);

    // An operator renames the unit in psql: no API call, so only the trigger's notice tells the process.
    const operator = new Client({ connectionString: testDatabaseUrl() });
    await operator.connect();
    await operator.query(`UPDATE personnel.org_unit SET name = $1 WHERE id = $2`, [`${unit.name} (đổi tên)`, unit.id]);
    await operator.end();

    let name = unit.name;
    for (let attempt = 0; attempt < 50 && name === unit.name; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      name = (await harness.query<{ cadre: { orgUnit: { name: string } } }>(CADRE_UNIT, { id: cadre.id })).body.data!.cadre.orgUnit.name;
    }
    expect(name).toBe(`${unit.name} (đổi tên)`);
  });
});
