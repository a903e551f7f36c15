import { createLogger, ErrorCode } from '@cadres/core';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { createSubgraphErrorFormatter, databaseFault } from './database-faults';
import { subgraphEnvSchema } from './subgraph';

/** A driver error as node-postgres reports it: a message, and PostgreSQL's SQLSTATE in `code`. */
const pgError = (code: string, message = 'canceling statement') => Object.assign(new Error(message), { code });
const typeormError = (code: string) =>
  new QueryFailedError('SELECT * FROM personnel.cadre WHERE id = $1', ['x'], pgError(code));

describe('database faults', () => {
  it.each([
    ['statement_timeout', typeormError('57014')],
    ['lock_timeout', typeormError('55P03')],
    ['idle-in-transaction timeout', typeormError('25P03')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['no new connection in time', new Error('Connection terminated due to connection timeout')],
  ])('%s is DATABASE_TIMEOUT', (_what, error) => {
    expect(databaseFault(error)?.code).toBe(ErrorCode.DATABASE_TIMEOUT);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['both addresses refused', new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })])],
    ['an administrator shutdown', typeormError('57P01')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
  ])('%s is DEPENDENCY_UNAVAILABLE (the database)', (_what, error) => {
    expect(databaseFault(error)?.code).toBe(ErrorCode.DEPENDENCY_UNAVAILABLE);
    expect(databaseFault(error)?.details).toEqual({ dependency: 'database' });
  });

  it.each([
    ['a constraint refusal', typeormError('23505')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('%s is not a database fault', (_what, error) => {
    expect(databaseFault(error)).toBeNull();
  });

  it('formats a fault with its code and path, and no SQL', () => {
    const format = createSubgraphErrorFormatter(createLogger('test', 'silent'));
    const error = new GraphQLError('canceling statement due to lock timeout', {
      path: ['cadre'],
      originalError: typeormError('55P03'),
    });
    const formatted = format({ message: error.message, path: ['cadre'] }, error);
    expect(formatted).toEqual({
      message: 'The database did not answer in time; try again shortly.',
      locations: undefined,
      path: ['cadre'],
      extensions: { code: 'DATABASE_TIMEOUT' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|personnel\\.cadre|lock timeout/);
  });
});

describe('database deadlines in the environment', () => {
  const base = { DATABASE_URL: 'postgres://u@h/d' };
  it('defaults to a 5 s statement, 3 s lock, 3 s pool wait and 1 s health check', () => {
    const env = subgraphEnvSchema(4001).parse(base);
    expect(env).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT_MS: 5000,
      DATABASE_LOCK_TIMEOUT_MS: 3000,
      DATABASE_ACQUIRE_TIMEOUT_MS: 3000,
      HEALTH_DATABASE_TIMEOUT_MS: 1000,
      DATABASE_SETUP_TIMEOUT_MS: 0,
    });
    expect(env.SHUTDOWN_DRAIN_MS).toBeUndefined();
  });

  it('refuses negative, fractional or absurd durations, naming each variable', () => {
    const result = subgraphEnvSchema(4001).safeParse({
      ...base,
      DATABASE_STATEMENT_TIMEOUT_MS: '-1',
      DATABASE_LOCK_TIMEOUT_MS: '1.5',
      SHUTDOWN_DRAIN_MS: '99999999',
      HEALTH_DATABASE_TIMEOUT_MS: '0',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual([
      'DATABASE_LOCK_TIMEOUT_MS',
      'DATABASE_STATEMENT_TIMEOUT_MS',
      'HEALTH_DATABASE_TIMEOUT_MS',
      'SHUTDOWN_DRAIN_MS',
    ]);
  });
});
