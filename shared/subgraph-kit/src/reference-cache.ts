import type { Logger } from '@cadres/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type DataSource, type EntityTarget, type FindOptionsWhere, type QueryRunner } from 'typeorm';
import { AnyOf } from './prepared-statements';
import { countReferenceReload } from './metrics';
import { onPrimary } from './read-replicas';

/** The channel the reference tables' triggers notify on; the payload is the table's name. */
export const REFERENCE_CHANNEL = 'reference_changed';

/**
 * Makes reference tables announce their changes, whoever writes them (the API, a migration, an
 * operator in psql): a statement-level trigger, so a bulk write notifies once; PostgreSQL delivers
 * the notice at commit, and only then.
 */
export async function notifyOnChange(db: QueryRunner, schema: string, tables: string[]): Promise<void> {
  await db.query(`CREATE FUNCTION ${schema}.notify_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('${REFERENCE_CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$`);
  for (const table of tables) {
    await db.query(`CREATE TRIGGER ${table}_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${schema}.${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.notify_reference_changed()`);
  }
}

export async function dropNotifyOnChange(db: QueryRunner, schema: string, tables: string[]): Promise<void> {
  for (const table of tables) await db.query(`DROP TRIGGER ${table}_notify_changed ON ${schema}.${table}`);
  await db.query(`DROP FUNCTION ${schema}.notify_reference_changed()`);
}

interface ReferenceSource<T> {
  /** The table's name, as the change notice gives it (resolved late: schema printing has no metadata). */
  table(): string;
  loadAll(): Promise<T[]>;
  loadByIds(ids: readonly string[]): Promise<T[]>;
}

/**
 * One small table (org units, titles, programmes, providers, terms, development needs), read on
 * nearly every dossier and written rarely, held whole in the process. It is served from memory only
 * while the process is listening for the table's change notifications; otherwise every read goes
 * to the database as before, so a lost listener costs speed, never correctness.
 */
export class ReferenceTable<T extends { id: string }> {
  private rows: Map<string, T> | null = null;
  private loading: Promise<Map<string, T>> | null = null;
  /** Bumped by each change notice, so a load that raced a change is not kept. */
  private version = 0;

  constructor(
    private readonly cache: ReferenceCache,
    private readonly source: ReferenceSource<T>,
  ) {}

  /**
   * The rows with these ids, in no particular order. An id not in memory is looked up in the
   * database: a row created a moment ago (its notice still on the way) is found all the same.
   */
  async findByIds(ids: readonly string[]): Promise<T[]> {
    const fallback = (missing: readonly string[]) => this.source.loadByIds(missing);
    const all = await this.snapshot();
    if (!all) return fallback(ids);
    const found: T[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const row = all.get(id);
      if (row) found.push(row);
      else missing.push(id);
    }
    return missing.length ? [...found, ...(await fallback(missing))] : found;
  }

  /** Every row, or null when the cache is not listening (the caller queries instead). */
  async all(): Promise<T[] | null> {
    const all = await this.snapshot();
    return all ? [...all.values()] : null;
  }

  get name(): string {
    return this.source.table();
  }

  invalidate(): void {
    this.version += 1;
    this.rows = null;
    this.loading = null;
  }

  private async snapshot(): Promise<Map<string, T> | null> {
    if (!this.cache.listening) return null;
    if (this.rows) return this.rows;
    if (!this.loading) {
      const version = this.version;
      countReferenceReload(this.name);
      this.loading = this.source.loadAll().then((rows) => {
        const loaded = new Map(rows.map((row) => [row.id, row]));
        if (version === this.version && this.cache.listening) this.rows = loaded;
        return loaded;
      });
      this.loading.catch(() => (this.loading = null));
    }
    return this.loading;
  }
}

/** Pauses between attempts to listen again: from a quarter second, doubling, to two seconds. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2000;
/** A database that accepts TCP but does not answer (stopped, overloaded) must not hold an attempt forever. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The process's reference tables and the one connection that LISTENs for their changes. Until it
 * listens (and after it loses the connection, until it listens again) nothing is served from memory.
 */
export class ReferenceCache {
  private readonly tables = new Map<EntityTarget<unknown>, ReferenceTable<{ id: string }>>();
  /** The one listening connection, or the one being opened; never more than one at a time. */
  private client: Client | null = null;
  /** The pending reconnection, if any: a lost connection schedules exactly one. */
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_FIRST_MS;
  private started = false;
  /** Markers sent by `settled()`, each resolved when its own notice comes back. */
  private readonly markers = new Map<string, () => void>();
  private closed = false;
  listening = false;

  constructor(private readonly dataSource: DataSource) {}

  /** The entity's table, held whole; the table must notify its changes (see `notifyOnChange`). */
  entity<T extends { id: string }>(entity: EntityTarget<T>): ReferenceTable<T> {
    const existing = this.tables.get(entity);
    if (existing) return existing as unknown as ReferenceTable<T>;
    const repository = () => this.dataSource.getRepository(entity);
    const reference = new ReferenceTable<T>(this, {
      table: () => this.dataSource.getMetadata(entity).tableName,
      // From the primary, never a read replica: a copy loaded after a change notice must hold the
      // change, and an id missing from memory is usually a row created a moment ago.
      loadAll: () => onPrimary(() => repository().find()),
      loadByIds: (ids) => onPrimary(() => repository().findBy({ id: AnyOf(ids) } as FindOptionsWhere<T>)),
    });
    this.tables.set(entity, reference);
    return reference;
  }

  /**
   * Starts listening (once; later calls do nothing); if the database refuses for now, reads go to
   * it and listening is retried with a growing pause.
   */
  async start(logger: Logger): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.listen(logger);
  }

  /**
   * Opens the listening connection. Whatever happens to it, it ends in exactly one call of
   * `lost` (pg reports a dropped connection as an `error` and again as an `end`; a failed
   * connect also ends), which closes it and schedules exactly one new attempt: however many times
   * PostgreSQL restarts, the process holds one listener.
   */
  private async listen(logger: Logger): Promise<void> {
    if (this.closed || this.client) return;
    const options = this.dataSource.options as { url?: string; schema?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: `cadres-${options.schema}-listener`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    this.client = client;
    let lostAlready = false;
    const lost = (error?: Error) => {
      if (lostAlready) return;
      lostAlready = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      const wasListening = this.listening;
      this.forgetAll();
      if (wasListening)
        logger.warn(
          { err: error },
          'reference cache: lost the change listener; reading from the database until it is back',
        );
      else
        logger.warn(
          { err: error, retryInMs: this.retryDelayMs },
          'reference cache: cannot listen for changes yet; reading from the database',
        );
      this.scheduleRetry(logger);
    };
    client.on('notification', (message) => {
      this.markers.get(message.payload ?? '')?.();
      for (const table of this.tables.values()) if (table.name === message.payload) table.invalidate();
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${REFERENCE_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (this.closed || lostAlready) {
      lost();
      return;
    }
    // Anything cached before this moment may have missed a notice.
    this.forgetAll();
    this.listening = true;
    this.retryDelayMs = RETRY_FIRST_MS;
  }

  private scheduleRetry(logger: Logger): void {
    if (this.closed || this.retryTimer) return;
    const pause = Math.round(this.retryDelayMs * (0.75 + Math.random() / 2));
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen(logger);
    }, pause);
    this.retryTimer.unref();
  }

  /**
   * Resolves once every change committed before the call has reached this process: PostgreSQL
   * delivers notices in commit order, so when a marker sent now comes back, the earlier ones are in.
   */
  async settled(timeoutMs = 5000): Promise<void> {
    if (!this.listening) return;
    const marker = `settled:${randomUUID()}`;
    const back = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('reference cache: no change notice came back in time')),
        timeoutMs,
      );
      this.markers.set(marker, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await onPrimary(() => this.dataSource.query('SELECT pg_notify($1, $2)', [REFERENCE_CHANNEL, marker]));
      await back;
    } finally {
      this.markers.delete(marker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.forgetAll();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private forgetAll(): void {
    this.listening = false;
    for (const table of this.tables.values()) table.invalidate();
  }
}

const caches = new WeakMap<DataSource, ReferenceCache>();

/** The reference cache of a data source (one per process and database). */
export function referenceCache(dataSource: DataSource): ReferenceCache {
  let cache = caches.get(dataSource);
  if (!cache) {
    cache = new ReferenceCache(dataSource);
    caches.set(dataSource, cache);
  }
  return cache;
}
