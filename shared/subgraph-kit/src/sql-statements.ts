import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface StatementScope {
  count: number;
}

const scopes = new AsyncLocalStorage<StatementScope>();

/** Runs `fn` with its own SQL statement counter (one per HTTP request). */
export function withStatementScope<T>(fn: () => T): T {
  return scopes.run({ count: 0 }, fn);
}

/** SQL statements issued so far in the current request, or 0 outside one. */
export function statementsInScope(): number {
  return scopes.getStore()?.count ?? 0;
}

/**
 * TypeORM logger that counts every statement: per request (reported in the `x-sql-statements`
 * response header and request log, which is how benchmarks and N+1 tests see it) and in total.
 */
export class StatementCountingLogger implements TypeOrmLogger {
  total = 0;

  constructor(private readonly logger: PinoLogger) {}

  logQuery(query: string): void {
    this.total += 1;
    const scope = scopes.getStore();
    if (scope) scope.count += 1;
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ sql: query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.total += 1;
    // Only the statement's text: its parameters may be classified personal data.
    this.logger.warn({ err: error, sql: query.slice(0, 500) }, 'sql failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, sql: query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
