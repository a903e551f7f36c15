import { AnyOf } from '@cadres/subgraph-kit';
import { useSubgraphHarness } from '@cadres/testing';
import type { QueryRunner } from 'typeorm';
import { OrgUnit } from '../src/modules/org-unit/org-unit.entity';
import { personnelSubgraph } from '../src/subgraph';

const harness = useSubgraphHarness(personnelSubgraph);
let connection: QueryRunner;

beforeAll(async () => {
  connection = harness.subgraph.dataSource.createQueryRunner();
  await connection.connect();
});

// Declared after the fixture's, so it runs first (Jest runs afterAll hooks in declaration order).
afterAll(async () => {
  await connection?.release();
});

/** What this one connection holds prepared, as PostgreSQL reports it. */
const preparedOn = async (runner: QueryRunner) =>
  ((await runner.query('SELECT statement FROM pg_prepared_statements')) as { statement: string }[]).map(
    (row) => row.statement,
  );

describe('prepared statements', () => {
  const byId = 'SELECT id FROM org_unit WHERE id = $1';
  const unknownId = '00000000-0000-4000-8000-000000000000';

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    await connection.query(byId, [unknownId]);
    await connection.query(byId, [unknownId]);
    expect((await preparedOn(connection)).filter((text) => text === byId)).toHaveLength(1);
  });

  it('keeps working after a prepared statement fails on its values', async () => {
    await expect(connection.query(byId, ['not-a-uuid'])).rejects.toMatchObject({ driverError: { code: '22P02' } });
    await expect(connection.query(byId, [unknownId])).resolves.toEqual([]);
  });

  it('loads a batch of any size with one prepared statement (AnyOf, where In() wrote one per size)', async () => {
    const units = connection.manager.getRepository(OrgUnit);
    for (const size of [1, 3, 100]) await units.findBy({ id: AnyOf(Array.from({ length: size }, () => unknownId)) });
    expect(
      (await preparedOn(connection)).filter((text) => text.includes('"org_unit"') && text.includes('ANY(')),
    ).toHaveLength(1);
  });

  it('leaves one-off statements with many parameters unprepared', async () => {
    const ids = Array.from({ length: 100 }, () => unknownId);
    const longList = `SELECT id FROM org_unit WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`;
    await connection.query(longList, ids);
    expect(await preparedOn(connection)).not.toContain(longList);
  });
});
