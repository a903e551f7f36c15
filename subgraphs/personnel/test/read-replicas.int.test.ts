import {
  postgresBinaries,
  startReplicatedPostgres,
  startSubgraphHarness,
  type ReplicatedPostgres,
  type SubgraphHarness,
} from '@cadres/testing';
import { must } from '@cadres/core';
import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { register } from 'prom-client';
import { waitFor } from '../../../tests/support/wait';
import { personnelSubgraph } from '../src/subgraph';
import { createCadres, createOrgUnit } from './factories';

/**
 * Reads on a real streaming replica (issue 16, item 6): a primary and a replica made from it with
 * pg_basebackup, both clusters of this test's own, started and stopped by it. Personnel runs on
 * the primary with the replica in DATABASE_REPLICA_URLS, checked every 100 ms, and may read from it
 * while it is at most four seconds behind.
 */
const MAX_LAG_MS = 4000;

let cluster: ReplicatedPostgres | undefined;
let harness: SubgraphHarness<unknown> | undefined;
let cadreId: string;

const CADRE = 'query ($id: ID!) { cadre(id: $id) { id phone } }';
const UPDATE =
  'mutation ($id: ID!, $phone: String) { updateCadre(id: $id, input: { phone: $phone }) { cadre { id phone } errors { code } } }';

const replicaState = () => harness!.subgraph.replicas!.statuses[0]?.state;

/** The value of a series of this process's registry, summed over the series matching `labels`. */
async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const found = await register.getSingleMetric(name)?.get();
  return (found?.values ?? [])
    .filter((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
const statements = async () => ({
  primary: await metric('cadres_db_statements_total', { server: 'primary' }),
  replica: await metric('cadres_db_statements_total', { server: 'replica' }),
});

const phone = async () => {
  const result = await harness!.query<{ cadre: { phone: string } }>(CADRE, { id: cadreId });
  expect(result.body.errors).toBeUndefined();
  return { phone: result.body.data!.cadre.phone, sqlStatements: result.sqlStatements };
};
const update = async (value: string) => {
  const result = await harness!.query<{ updateCadre: { cadre: { phone: string }; errors: unknown[] } }>(UPDATE, {
    id: cadreId,
    phone: value,
  });
  expect(result.body.data?.updateCadre.errors).toEqual([]);
  return { phone: result.body.data!.updateCadre.cadre.phone, sqlStatements: result.sqlStatements };
};

async function onReplica<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: cluster!.replicaUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The clusters need PostgreSQL's server binaries (Debian's postgresql package), which `npm test`
 * does not otherwise need: without them the test is skipped on a developer's machine, never in CI.
 */
const binaries = postgresBinaries();
if (!binaries && !process.env.CI)
  process.stderr.write(
    'read-replicas test skipped: no PostgreSQL server binaries with pg_basebackup (install postgresql or set PG_BIN)\n',
  );
const describeWithBinaries = binaries || process.env.CI ? describe : describe.skip;

describeWithBinaries('reads on a streaming replica', () => {
  beforeAll(async () => {
    cluster = await startReplicatedPostgres();
    harness = await startSubgraphHarness(personnelSubgraph, {
      DATABASE_URL: cluster.primaryUrl,
      DATABASE_REPLICA_URLS: [cluster.replicaUrl],
      DATABASE_REPLICA_MAX_LAG_MS: MAX_LAG_MS,
      DATABASE_REPLICA_CHECK_INTERVAL_MS: 100,
    });
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const [cadre] = await createCadres(harness.subgraph.dataSource, unit.id, 1, {
      phone: '0900000000',
      // A number the record's checks accept (a man born in 1980), since the test updates the record.
      personalIdNumber: `011080${randomInt(100_000, 999_999)}`,
    });
    cadreId = must(cadre, 'the one cadre asked for').id;
    await waitFor('the replica to take reads', () => replicaState() === 'ok');
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await cluster?.destroy();
  }, 60_000);

  it('serves a query from the replica, and a mutation with its payload from the primary', async () => {
    // Replication is asynchronous: the cadre reaches the replica a moment after its commit.
    await waitFor('the cadre on the replica', async () => (await phone()).phone === '0900000000', 15_000);

    const beforeRead = await statements();
    const read = await phone();
    const afterRead = await statements();
    expect(read.sqlStatements).toBeGreaterThan(0);
    expect(afterRead.replica - beforeRead.replica).toBe(read.sqlStatements);
    expect(afterRead.primary).toBe(beforeRead.primary);
    // The replica itself sees the subgraph's connections.
    expect(
      await onReplica("SELECT pid FROM pg_stat_activity WHERE application_name = 'cadres-personnel-replica'"),
    ).not.toHaveLength(0);

    const written = await update('0911111111');
    const afterWrite = await statements();
    expect(written.phone).toBe('0911111111');
    expect(afterWrite.primary - afterRead.primary).toBe(written.sqlStatements);
    expect(afterWrite.replica).toBe(afterRead.replica);
  }, 60_000);

  it('reads from the primary while the replica lags beyond the limit, and from the replica once it has caught up', async () => {
    await update('0922222222');
    // Served by the replica (it is within the limit): it has replayed the update before replay stops.
    await waitFor('the update on the replica', async () => (await phone()).phone === '0922222222');
    await cluster!.pauseReplay();
    try {
      // The mutation's payload is read on the primary: the new value, though the replica lacks it.
      expect((await update('0933333333')).phone).toBe('0933333333');
      // Within the limit the replica still answers, with what it has: proof the read was its.
      expect((await phone()).phone).toBe('0922222222');

      const fallbacks = await metric('cadres_db_read_fallbacks_total', { reason: 'lagging' });
      await waitFor('the replica to count as lagging', () => replicaState() === 'lagging');
      expect(await metric('cadres_db_replica_up')).toBe(0);
      expect(await metric('cadres_db_replica_lag_seconds')).toBeGreaterThan(MAX_LAG_MS / 1000);
      const before = await statements();
      const read = await phone();
      expect(read.phone).toBe('0933333333');
      expect((await statements()).replica).toBe(before.replica);
      expect(await metric('cadres_db_read_fallbacks_total', { reason: 'lagging' })).toBeGreaterThan(fallbacks);
    } finally {
      await cluster!.resumeReplay();
    }
    await waitFor('the replica to take reads again', () => replicaState() === 'ok');
    const before = await statements();
    expect((await phone()).phone).toBe('0933333333');
    expect((await statements()).replica).toBeGreaterThan(before.replica);
    expect(await metric('cadres_db_replica_up')).toBe(1);
  }, 60_000);

  it('reads from the primary while the replica is down, stays ready, and goes back to it when it returns', async () => {
    const health = harness!.url.replace(/\/graphql$/, '/health/ready');
    const fallbacks = await metric('cadres_db_read_fallbacks_total');
    await cluster!.stopReplica();
    try {
      // At once, before any check has noticed: the read that finds the replica gone runs on the primary.
      expect((await phone()).phone).toBe('0933333333');
      await waitFor('the replica to count as down', () => replicaState() === 'down');
      expect((await phone()).phone).toBe('0933333333');
      expect(await metric('cadres_db_read_fallbacks_total')).toBeGreaterThan(fallbacks);
      expect(await metric('cadres_db_replica_up')).toBe(0);
      expect(await metric('cadres_db_replica_state_changes_total', { state: 'down' })).toBeGreaterThan(0);
      expect((await fetch(health)).status).toBe(200);
    } finally {
      await cluster!.startReplica();
    }
    await waitFor('the replica to take reads again', () => replicaState() === 'ok');
    const before = await statements();
    expect((await phone()).phone).toBe('0933333333');
    expect((await statements()).replica).toBeGreaterThan(before.replica);
  }, 90_000);
});
