import { parseLsn, PrimaryPositions, replicaName } from './read-replicas';

describe('read replicas: lag from the primary WAL positions', () => {
  it('compares WAL positions as numbers, the high half first', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('is 0 for a replica that has replayed the latest sample', () => {
    const positions = new PrimaryPositions(10_000);
    positions.add(1000, 100n);
    positions.add(1500, 200n);
    expect(positions.lagOf(200n, 1600)).toBe(0);
    expect(positions.lagOf(250n, 1600)).toBe(0);
  });

  it('is the age of the newest sample a replica has replayed past', () => {
    const positions = new PrimaryPositions(10_000);
    positions.add(1000, 100n);
    positions.add(1500, 200n);
    positions.add(2000, 300n);
    // Everything committed before 1500 is on the replica; some of what came after may not be.
    expect(positions.lagOf(250n, 2100)).toBe(600);
    expect(positions.lagOf(100n, 2100)).toBe(1100);
  });

  it('is unknown for a replica behind every sample kept, and with no sample yet', () => {
    const positions = new PrimaryPositions(1000);
    expect(positions.lagOf(0n, 0)).toBeUndefined();
    positions.add(0, 100n);
    for (let at = 100; at <= 5000; at += 100) positions.add(at, 100n + BigInt(at));
    // Only the last second (and the one sample before it) is kept: position 100 fell out.
    expect(positions.oldest).toBeGreaterThanOrEqual(3900);
    expect(positions.lagOf(100n, 5000)).toBeUndefined();
  });

  it('names a replica by host, port and database, never its credentials', () => {
    expect(replicaName('postgres://reader:s3cret@replica-1.db:5433/cadres')).toBe('replica-1.db:5433/cadres');
    expect(replicaName('postgres://reader@replica-2/cadres')).toBe('replica-2:5432/cadres');
  });
});
