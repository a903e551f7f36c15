/**
 * Reads on PostgreSQL streaming replicas (`DATABASE_REPLICA_URLS`).
 *
 * What goes where:
 * - A statement runs on a replica only when all of these hold: it serves a GraphQL *query* (not a
 *   mutation: its payload reads what it has just written), the caller did not ask for the primary
 *   (`x-read-primary`: the gateway sends it on every call serving a mutation, subgraphs on their
 *   rule checks), it is outside a transaction, and a replica is known to be at most
 *   `DATABASE_REPLICA_MAX_LAG_MS` behind. Everything else (writes, transactions, migrations, the
 *   health probe, the reference cache's loads and its LISTEN connection, the read audit) uses the
 *   primary. One request reads from one replica, so its statements see one server's data.
 * - Each replica is checked every `DATABASE_REPLICA_CHECK_INTERVAL_MS`: the primary's WAL position
 *   (`pg_current_wal_lsn`) is sampled, then the replica's replayed position
 *   (`pg_last_wal_replay_lsn`). Its lag is the age of the newest primary sample it has replayed
 *   past: an upper bound on how old its data is, accurate to one interval, and unlike
 *   `now() - pg_last_xact_replay_timestamp()` neither inflated by an idle primary nor blind to a
 *   replica whose WAL receiver has lost the primary.
 * - A replica that is lagging, unreachable or not yet checked gets no reads; they go to the primary
 *   (counted in `cadres_db_read_fallbacks_total`, a log line per change of state). A statement
 *   that fails on a replica because the server went away, refused a write, or was cancelled by a
 *   recovery conflict is run again on the primary in the same request; the replica is marked down
 *   until its next successful check. Readiness never looks at replicas.
 *
 * TypeORM's own `replication` option is not used: it connects every replica at start (one down
 * replica would stop the subgraph from starting), picks one at random with no notion of lag or
 * health, and sends raw `query()` reads (most of the statistics) to the primary anyway.
 */
import { must, READ_PRIMARY_HEADER, type Logger } from '@cadres/core';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { databaseFault, DatabaseUnavailableError } from './database-faults';
import {
  countReadFallback,
  countStatementOn,
  countReplicaStateChange,
  watchReplicas,
  type FallbackReason,
} from './metrics';

// --- where the current request may read ----------------------------------------------------------

interface ReadScope {
  replicaAllowed: boolean;
  /** The replica this request reads from, once it has read. */
  replica?: Replica;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `fn` (one HTTP request) reading from the primary until `allowReplicaReads` says otherwise. */
export function withReadScope<T>(fn: () => T): T {
  return scopes.run({ replicaAllowed: false }, fn);
}

/** The current request is a read-only GraphQL operation: its reads outside transactions may go to a replica. */
export function allowReplicaReads(): void {
  const scope = scopes.getStore();
  if (scope) scope.replicaAllowed = true;
}

/** Runs `fn` on the primary whatever the request is (writes in a query, reads that must see the latest commit). */
export function onPrimary<T>(fn: () => T): T {
  return scopes.run({ replicaAllowed: false }, fn);
}

/**
 * Apollo plugin: a query whose caller did not ask for the primary may read from replicas. Decided
 * once the operation is known, before any resolver runs.
 */
export function replicaReadsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation?.operation === 'query' && !request.http?.headers.get(READ_PRIMARY_HEADER)) allowReplicaReads();
        },
      };
    },
  };
}

// --- replicas and their lag ----------------------------------------------------------------------

/**
 * A replica's data may be this much older than the primary's and still be read (two seconds: a
 * dashboard does not notice; a client reading back its own change just made may, see README).
 */
export const DEFAULT_REPLICA_MAX_LAG_MS = 2000;
/** Checks cost one statement on the primary and one on each replica per process. */
export const DEFAULT_REPLICA_CHECK_INTERVAL_MS = 500;

export type ReplicaState = 'starting' | 'ok' | 'lagging' | 'down';

export interface ReplicaStatus {
  name: string;
  state: ReplicaState;
  /** How far behind the primary its data may be, in ms, when last checked (null: unknown). */
  lagMs: number | null;
}

/** A WAL position (`16/B374D848`) as a number that compares. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** The primary's WAL positions sampled at each check, oldest first. */
export class PrimaryPositions {
  private samples: { at: number; lsn: bigint }[] = [];

  constructor(private readonly keepMs: number) {}

  add(at: number, lsn: bigint): void {
    this.samples.push({ at, lsn });
    // Older samples only ever tell "more than keepMs behind", which the oldest kept one tells too.
    while (this.samples.length > 2 && must(this.samples[1], 'length > 2').at < at - this.keepMs) this.samples.shift();
  }

  /**
   * How old a replica's data that has replayed up to `replayed` may be at `now`: 0 when it has
   * everything the primary had at the last sample; else the age of the newest sample it has
   * replayed past (everything committed before that moment is there); undefined when it is behind
   * every sample kept (more than the history shows, or no sample yet).
   */
  lagOf(replayed: bigint, now: number): number | undefined {
    const latest = this.samples.at(-1);
    if (!latest) return undefined;
    if (replayed >= latest.lsn) return 0;
    // The latest sample is past `replayed` (checked above): the newest one it has replayed past.
    const past = this.samples.findLast((sample) => sample.lsn <= replayed);
    return past === undefined ? undefined : Math.max(0, now - past.at);
  }

  get oldest(): number | undefined {
    return this.samples[0]?.at;
  }
}

/** The host and port of a URL, never its credentials: a replica's name in logs and metrics. */
export function replicaName(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || '5432'}${pathname}`;
  } catch {
    return 'replica';
  }
}

class Replica {
  state: ReplicaState = 'starting';
  lagMs: number | null = null;
  readonly pool: Pool;
  /** Its own connection for the checks, so a busy request pool never delays them. */
  readonly monitor: Pool;

  constructor(
    readonly name: string,
    config: PoolConfig,
    monitorConfig: PoolConfig,
  ) {
    this.pool = new Pool(config);
    this.monitor = new Pool(monitorConfig);
    // A replica going away makes its idle connections emit errors; the checks report it.
    this.pool.on('error', () => undefined);
    this.monitor.on('error', () => undefined);
  }

  get usable(): boolean {
    return this.state === 'ok';
  }
}

export interface ReadReplicaOptions {
  urls: string[];
  /** A replica further behind than this gets no reads. */
  maxLagMs: number;
  checkIntervalMs: number;
  /** The subgraph's schema (metric label). */
  schema: string;
  logger: Logger;
  /** The request pool's options (deadlines, search_path, prepared statements), as the primary's. */
  poolConfig: PoolConfig;
}

const CHECK_SQL = 'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed';

/** The replicas of one data source, their checks, and the choice of one for a read. */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly positions: PrimaryPositions;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private next = 0;
  private unwatch: (() => void) | null = null;
  /** Samples the primary's WAL position (set by `attachReadReplicas`: the data source's own pool). */
  primaryPosition: () => Promise<string | null> = async () => null;

  constructor(private readonly options: ReadReplicaOptions) {
    this.positions = new PrimaryPositions(options.maxLagMs + 2 * options.checkIntervalMs);
    // Generous against a busy machine, short against a replica that accepts TCP but does not answer.
    const checkTimeout = Math.max(1000, Math.min(5000, options.checkIntervalMs * 4));
    this.replicas = options.urls.map((url) => {
      const base = { ...options.poolConfig, connectionString: url };
      return new Replica(
        replicaName(url),
        { ...base, application_name: `${String(options.poolConfig.application_name)}-replica` },
        {
          connectionString: url,
          max: 1,
          application_name: `${String(options.poolConfig.application_name)}-replica-check`,
          connectionTimeoutMillis: checkTimeout,
          statement_timeout: checkTimeout,
          query_timeout: checkTimeout,
        },
      );
    });
  }

  get statuses(): ReplicaStatus[] {
    return this.replicas.map(({ name, state, lagMs }) => ({ name, state, lagMs }));
  }

  /** Checks at once, then every interval, until `close`. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.unwatch = watchReplicas(this.options.schema, () => this.statuses);
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
    await this.check();
  }

  /** One round of checks (a round still running is joined, never doubled). */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    const sampled = await this.primaryPosition().catch(() => null);
    if (sampled) this.positions.add(Date.now(), parseLsn(sampled));
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica)));
  }

  private async checkOne(replica: Replica): Promise<void> {
    try {
      const { rows } = await replica.monitor.query<{ standby: boolean; replayed: string | null }>(CHECK_SQL);
      const { standby, replayed } = must(rows[0], 'the check query answers one row');
      const now = Date.now();
      // A server out of recovery (a replica promoted, or a primary named here) is as fresh as it gets.
      const lag = !standby || !replayed ? 0 : this.positions.lagOf(parseLsn(replayed), now);
      const oldest = this.positions.oldest;
      replica.lagMs = lag ?? (oldest === undefined ? null : now - oldest);
      this.setState(replica, lag !== undefined && lag <= this.options.maxLagMs ? 'ok' : 'lagging');
    } catch (error) {
      replica.lagMs = null;
      this.setState(replica, 'down', error);
    }
  }

  private setState(replica: Replica, state: ReplicaState, error?: unknown): void {
    if (replica.state === state) return;
    const { logger, schema, maxLagMs } = this.options;
    const was = replica.state;
    replica.state = state;
    countReplicaStateChange(schema, replica.name, state);
    const fields = { replica: replica.name, was, lagMs: replica.lagMs, maxLagMs };
    if (state === 'ok') logger.info(fields, 'read replica serving reads');
    else if (state === 'lagging')
      logger.warn(fields, 'read replica lagging behind the primary; its reads go to the primary');
    else logger.warn({ ...fields, err: error }, 'read replica unreachable; its reads go to the primary');
  }

  /**
   * The replica for a read of the current request, or undefined for the primary (the request may
   * not use replicas, or none is usable: counted as a fallback).
   */
  pickForRead(): Replica | undefined {
    const scope = scopes.getStore();
    if (!scope?.replicaAllowed) return undefined;
    if (scope.replica?.usable) return scope.replica;
    const usable = this.replicas.filter((replica) => replica.usable);
    if (!usable.length) {
      countReadFallback(this.options.schema, this.fallbackReason());
      return undefined;
    }
    scope.replica = usable[this.next++ % usable.length];
    return scope.replica;
  }

  private fallbackReason(): FallbackReason {
    const states = new Set(this.replicas.map((replica) => replica.state));
    return states.has('lagging') ? 'lagging' : states.has('starting') ? 'starting' : 'down';
  }

  /** A statement failed on `replica` and is run again on the primary. */
  statementFailed(replica: Replica, error: unknown, serverGone: boolean): void {
    countReadFallback(this.options.schema, 'failed');
    if (serverGone) this.setState(replica, 'down', error);
    else
      this.options.logger.warn(
        { replica: replica.name, err: error },
        'a statement failed on a read replica; ran it on the primary',
      );
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unwatch?.();
    await this.checking?.catch(() => undefined);
    await Promise.all(
      this.replicas
        .flatMap((replica) => [replica.pool.end(), replica.monitor.end()])
        .map((ending) => ending.catch(() => undefined)),
    );
  }
}

// --- sending a data source's reads to them -------------------------------------------------------

/** The parts of TypeORM's postgres driver and query runner this relies on (typeorm 1.1). */
interface DriverInternals {
  isReplicated: boolean;
  master?: Pool;
  obtainSlaveConnection(): Promise<[PoolClient, (error?: unknown) => void]>;
  obtainMasterConnection(): Promise<[PoolClient, (error?: unknown) => void]>;
}
interface RunnerInternals {
  mode: 'master' | 'slave';
  isTransactionActive: boolean;
  transactionDepth: number;
  isReleased: boolean;
  databaseConnection?: PoolClient;
  databaseConnectionPromise?: Promise<PoolClient>;
  releasePostgresConnection(error?: unknown): Promise<void>;
}

/** SQLSTATEs a replica gives where the primary would not: a write (25006), a recovery conflict (40001). */
const REPLICA_ONLY_STATES = new Set(['25006', '40001']);

function sqlStateOf(error: unknown): string | undefined {
  const driver = (error as { driverError?: { code?: unknown } })?.driverError ?? error;
  const code = (driver as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Sends the data source's reads to `replicas` as described at the top of this file. Every query
 * runner the data source creates (repositories, query builders, `query()`, transactions) decides
 * where it connects when it connects: to a replica when `pickForRead` gives one and it is not in a
 * transaction, else to the primary. The SQL statement counters (x-sql-statements) count a
 * statement wherever it runs; the replicas' checks run outside TypeORM and count nowhere.
 */
export function attachReadReplicas(dataSource: DataSource, replicas: ReadReplicas, schema: string): void {
  const driver = dataSource.driver as unknown as DriverInternals;
  // A runner in 'slave' mode asks obtainSlaveConnection; which replica is decided just before.
  driver.isReplicated = true;
  let chosen: Replica | undefined;
  const onReplica = new WeakMap<PoolClient, Replica>();
  driver.obtainSlaveConnection = async () => {
    const replica = chosen;
    chosen = undefined;
    if (!replica) return driver.obtainMasterConnection();
    try {
      const client = await replica.pool.connect();
      onReplica.set(client, replica);
      return [client, (error?: unknown) => client.release(error as Error | undefined)];
    } catch (error) {
      replicas.statementFailed(replica, error, true);
      return driver.obtainMasterConnection();
    }
  };
  replicas.primaryPosition = async () => {
    if (!driver.master) return null;
    const { rows } = await driver.master.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return rows[0]?.lsn ?? null;
  };

  const forcedPrimary = new WeakSet<QueryRunner>();
  /** Gives up the runner's replica connection (destroyed when it failed), so its next statement connects to the primary. */
  const moveToPrimary = async (runner: QueryRunner, failure?: unknown) => {
    const internals = runner as unknown as RunnerInternals;
    await internals.releasePostgresConnection(failure);
    internals.isReleased = false;
    internals.databaseConnection = undefined;
    internals.databaseConnectionPromise = undefined;
    forcedPrimary.add(runner);
  };

  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = () => {
    const runner = createQueryRunner('master');
    const internals = runner as unknown as RunnerInternals;
    const connect = runner.connect.bind(runner);
    runner.connect = () => {
      if (!internals.databaseConnection && !internals.databaseConnectionPromise) {
        // startTransaction marks the runner before its first statement connects it.
        const replica = internals.isTransactionActive || forcedPrimary.has(runner) ? undefined : replicas.pickForRead();
        internals.mode = replica ? 'slave' : 'master';
        chosen = replica;
      }
      try {
        return connect();
      } finally {
        chosen = undefined;
      }
    };
    const startTransaction = runner.startTransaction.bind(runner);
    runner.startTransaction = async (isolation) => {
      // A runner that read from a replica before opening a transaction takes it on the primary.
      if (
        internals.transactionDepth === 0 &&
        internals.databaseConnection &&
        onReplica.has(internals.databaseConnection)
      )
        await moveToPrimary(runner);
      return startTransaction(isolation);
    };
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      if (internals.isReleased) return query(...args);
      const connection = (await runner.connect()) as PoolClient;
      const replica = onReplica.get(connection);
      countStatementOn(schema, replica ? 'replica' : 'primary');
      if (!replica) return query(...args);
      try {
        return await query(...args);
      } catch (error) {
        const serverGone = databaseFault(error) instanceof DatabaseUnavailableError;
        if (internals.isTransactionActive || !(serverGone || REPLICA_ONLY_STATES.has(sqlStateOf(error) ?? '')))
          throw error;
        replicas.statementFailed(replica, error, serverGone);
        await moveToPrimary(runner, serverGone ? error : undefined);
        countStatementOn(schema, 'primary');
        return query(...args);
      }
    }) as QueryRunner['query'];
    return runner;
  };
}
