import { migrationRoundTrip } from '@cadres/testing';
import { personnelSubgraph } from '../src/subgraph';

describe('personnel migrations', () => {
  it('all run down to an empty schema and up again to the identical schema', async () => {
    const trip = await migrationRoundTrip(personnelSubgraph);

    expect(trip.migrations).toBeGreaterThan(0);
    // The shape is read for real: the schema the template got is not empty.
    expect(trip.before.columns.length).toBeGreaterThan(20);
    expect(trip.before.indexes.length).toBeGreaterThan(5);
    // Every down undid its up: only TypeORM's own table is left.
    expect(trip.tablesWhenDown).toEqual(['migrations']);
    expect(trip.after).toEqual(trip.before);
  }, 120_000);
});
