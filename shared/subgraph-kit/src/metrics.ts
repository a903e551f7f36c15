/**
 * A subgraph's own series (beside core's per-operation ones and the default process metrics): SQL
 * statements per operation, the reference cache's reloads and whether it listens, and the database
 * pool (connections in use, idle, and requests waiting for one).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BoundedLabels } from '@cadres/core';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { statementsInScope } from './sql-statements';

const sqlPerOperation = new Histogram({
  name: 'cadres_sql_statements_per_operation',
  help: 'SQL statements one GraphQL request ran (what x-sql-statements reports), by operation name: a rising count is an N+1',
  labelNames: ['operation'],
  buckets: [0, 1, 2, 3, 5, 8, 12, 20, 30, 50, 100],
});

const operationNames = new BoundedLabels();

/** Apollo plugin: each request's SQL statement count, observed as its answer leaves. */
export function sqlStatementsMetricsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let operation = 'invalid';
      return {
        async didResolveOperation({ operationName }) {
          operation = operationNames.label(operationName ?? 'anonymous');
        },
        async willSendResponse() {
          sqlPerOperation.observe({ operation }, statementsInScope());
        },
      };
    },
  };
}

const referenceReloads = new Counter({
  name: 'cadres_reference_cache_reloads_total',
  help: 'Reference tables read whole into memory (at first use, and after each change notice), by table',
  labelNames: ['table'],
});

/** For reference-cache.ts: a table is being read whole. */
export function countReferenceReload(table: string): void {
  referenceReloads.inc({ table });
}

/** Each data source's pool and reference cache, read when Prometheus scrapes (nothing per request). */
interface Watched {
  schema: string;
  dataSource: DataSource;
  listening: () => boolean;
}
const watched = new Set<Watched>();

/** node-postgres' pool behind TypeORM's postgres driver, when the data source is initialised. */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
function poolOf(dataSource: DataSource): PgPoolCounts | undefined {
  if (!dataSource.isInitialized) return undefined;
  return (dataSource.driver as unknown as { master?: PgPoolCounts }).master;
}

new Gauge({
  name: 'cadres_db_pool_connections',
  help: 'Database pool connections by state (in_use, idle) and requests waiting for a connection (waiting), by schema',
  labelNames: ['schema', 'state'],
  collect() {
    this.reset();
    for (const { schema, dataSource } of watched) {
      const pool = poolOf(dataSource);
      if (!pool) continue;
      this.set({ schema, state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ schema, state: 'idle' }, pool.idleCount);
      this.set({ schema, state: 'waiting' }, pool.waitingCount);
    }
  },
});

new Gauge({
  name: 'cadres_reference_cache_listening',
  help: '1 while the reference cache listens for change notices (served from memory), 0 while it reads from the database',
  labelNames: ['schema'],
  collect() {
    this.reset();
    for (const { schema, listening } of watched) this.set({ schema }, listening() ? 1 : 0);
  },
});

/** Reports the pool and the cache of a subgraph's data source until `stop` is called. */
export function watchDataSource(schema: string, dataSource: DataSource, listening: () => boolean): () => void {
  const entry = { schema, dataSource, listening };
  watched.add(entry);
  return () => void watched.delete(entry);
}

// --- read replicas (read-replicas.ts) ------------------------------------------------------------

const statementsByServer = new Counter({
  name: 'cadres_db_statements_total',
  help: 'SQL statements run through the data source, by schema and server (primary, replica): with DATABASE_REPLICA_URLS set, the share the replicas take',
  labelNames: ['schema', 'server'],
});

/** For read-replicas.ts: a statement is about to run on `server`. */
export function countStatementOn(schema: string, server: 'primary' | 'replica'): void {
  statementsByServer.inc({ schema, server });
}

/** Why a read that could have gone to a replica went to the primary. */
export type FallbackReason = 'lagging' | 'down' | 'starting' | 'failed';

const readFallbacks = new Counter({
  name: 'cadres_db_read_fallbacks_total',
  help: 'Reads of read-only requests sent to the primary instead of a replica, by reason: lagging (every replica beyond DATABASE_REPLICA_MAX_LAG_MS), down (unreachable), starting (not checked yet), failed (the statement failed on the replica and was run again on the primary)',
  labelNames: ['schema', 'reason'],
});

export function countReadFallback(schema: string, reason: FallbackReason): void {
  readFallbacks.inc({ schema, reason });
}

const replicaStateChanges = new Counter({
  name: 'cadres_db_replica_state_changes_total',
  help: 'A read replica turning ok, lagging or down (as its checks found it), by schema, replica and the new state',
  labelNames: ['schema', 'replica', 'state'],
});

export function countReplicaStateChange(schema: string, replica: string, state: string): void {
  replicaStateChanges.inc({ schema, replica, state });
}

interface ReplicaReport {
  name: string;
  state: string;
  lagMs: number | null;
}
const watchedReplicas = new Set<{ schema: string; statuses: () => ReplicaReport[] }>();

/** Reports a data source's replicas (up, lag) until `stop` is called. */
export function watchReplicas(schema: string, statuses: () => ReplicaReport[]): () => void {
  const entry = { schema, statuses };
  watchedReplicas.add(entry);
  return () => void watchedReplicas.delete(entry);
}

new Gauge({
  name: 'cadres_db_replica_up',
  help: '1 while a read replica takes reads (reachable and within DATABASE_REPLICA_MAX_LAG_MS), else 0',
  labelNames: ['schema', 'replica'],
  collect() {
    this.reset();
    for (const { schema, statuses } of watchedReplicas)
      for (const { name, state } of statuses()) this.set({ schema, replica: name }, state === 'ok' ? 1 : 0);
  },
});

new Gauge({
  name: 'cadres_db_replica_lag_seconds',
  help: "How far behind the primary a read replica's data may be, as its last check measured it (absent while unreachable)",
  labelNames: ['schema', 'replica'],
  collect() {
    this.reset();
    for (const { schema, statuses } of watchedReplicas)
      for (const { name, lagMs } of statuses()) if (lagMs !== null) this.set({ schema, replica: name }, lagMs / 1000);
  },
});
