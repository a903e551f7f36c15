import { referenceCache } from '@cadres/subgraph-kit';
import { testDatabaseUrl, useSubgraphHarness } from '@cadres/testing';
import { Client } from 'pg';
import { personnelSubgraph } from '../src/subgraph';
import { createCadres, createOrgUnit } from './factories';

const harness = useSubgraphHarness(personnelSubgraph);

const CADRE_UNIT = `query ($id: ID!) { cadre(id: $id) { orgUnit { name } } }`;

describe('org units held in memory', () => {
  it('cost no statement once loaded, and show a change made outside the API once PostgreSQL announces it', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const [cadre] = await createCadres(harness.subgraph.dataSource, unit.id, 1);
    await harness.warmReferences(CADRE_UNIT, { id: cadre?.id });
    const second = await harness.query<{ cadre: { orgUnit: { name: string } } }>(CADRE_UNIT, { id: cadre?.id });
    expect(second.body.data?.cadre.orgUnit.name).toBe(unit.name);
    // The cadre (with today's unit id) is one statement; the unit itself comes from memory.
    expect(second.sqlStatements).toBe(1);

    // An operator renames the unit in psql: no API call, so only the trigger's notice tells the process.
    const operator = new Client({ connectionString: testDatabaseUrl() });
    await operator.connect();
    await operator.query(`UPDATE personnel.org_unit SET name = $1 WHERE id = $2`, [`${unit.name} (đổi tên)`, unit.id]);
    await operator.end();

    // Once a marker notice sent after the rename has come back, the rename's notice has too.
    await referenceCache(harness.subgraph.dataSource).settled();
    const renamed = await harness.query<{ cadre: { orgUnit: { name: string } } }>(CADRE_UNIT, { id: cadre?.id });
    expect(renamed.body.data?.cadre.orgUnit.name).toBe(`${unit.name} (đổi tên)`);
  });
});
