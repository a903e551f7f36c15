import { GraphQLError } from 'graphql';
import pino from 'pino';
import { z } from 'zod';
import { EnvError, parseEnv, postgresUrlSchema } from './env';
import { BadInputError, DomainError, ErrorCode, NotFoundError } from './errors';
import { createErrorFormatter } from './format-error';
import { deterministicUuid, isUuid, parseId } from './ids';
import { SeededRandom } from './random';
import { requestIdFrom } from './request-id';

describe('parseEnv', () => {
  const schema = z.object({ PORT: z.coerce.number().int(), DATABASE_URL: postgresUrlSchema, MODE: z.enum(['a', 'b']) });

  it('names every bad variable at once', () => {
    expect(() => parseEnv(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', MODE: 'c' })).toThrow(EnvError);
    try {
      parseEnv(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', MODE: 'c' });
    } catch (error) {
      expect((error as EnvError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DATABASE_URL', 'MODE']);
    }
  });

  it('returns typed values', () => {
    expect(parseEnv(schema, { PORT: '80', DATABASE_URL: 'postgres://h/db', MODE: 'a' })).toEqual({
      PORT: 80,
      DATABASE_URL: 'postgres://h/db',
      MODE: 'a',
    });
  });
});

describe('ids', () => {
  it('accepts UUIDs in any case and returns them lower-cased', () => {
    expect(parseId('E9165B66-1563-58A2-A140-9E8ADEF07C8E')).toBe('e9165b66-1563-58a2-a140-9e8adef07c8e');
  });

  it.each(['', 'abc', '00000000-0000-0000-0000-000000000000x', "1' OR '1'='1"])(
    'refuses %p with BAD_USER_INPUT',
    (value) => {
      expect(() => parseId(value)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    },
  );

  it('derives the same valid UUID from the same name, and different ones from different names', () => {
    expect(deterministicUuid('demo:cadre:1')).toBe(deterministicUuid('demo:cadre:1'));
    expect(deterministicUuid('demo:cadre:1')).not.toBe(deterministicUuid('demo:cadre:2'));
    expect(isUuid(deterministicUuid('x'))).toBe(true);
  });
});

describe('createErrorFormatter', () => {
  const logger = pino({ level: 'silent' });
  const format = createErrorFormatter(logger);
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['cadre'] });

  it('passes a domain error with its code and details', () => {
    const formatted = format({ message: 'x', path: ['cadre'] }, wrap(new NotFoundError('Cadre', 'abc')));
    expect(formatted).toEqual({
      message: 'Cadre does not exist',
      path: ['cadre'],
      locations: undefined,
      extensions: { code: 'NOT_FOUND', entity: 'Cadre' },
    });
  });

  it('hides anything unexpected behind INTERNAL_SERVER_ERROR', () => {
    const sqlError = new Error(
      'duplicate key value violates unique constraint "cadre_pkey" in SELECT * FROM personnel.cadre',
    );
    const formatted = format(
      { message: sqlError.message, extensions: { stacktrace: ['at x (y.js:1:1)'] } },
      wrap(sqlError),
    );
    expect(formatted.message).toBe('Internal server error');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps GraphQL validation codes but drops stack traces', () => {
    const formatted = format(
      {
        message: 'Cannot query field "salary"',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
      },
      new GraphQLError('Cannot query field "salary"'),
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('keeps the codes a subgraph sent through the gateway', () => {
    const formatted = format(
      { message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'id' } },
      new GraphQLError('bad'),
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('is what BadInputError and DomainError produce', () => {
    expect(new BadInputError('nope', 'first')).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'first' } });
    expect(new DomainError(ErrorCode.CONFLICT, 'taken')).toMatchObject({ code: 'CONFLICT', details: {} });
  });
});

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(Array.from({ length: 5 }, () => b.int(0, 1000)));
  });

  it('stays within bounds', () => {
    const random = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) expect(random.int(3, 5)).toBeGreaterThanOrEqual(3);
  });
});

describe('requestIdFrom', () => {
  it('keeps a sane caller id and replaces an unsafe one', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id\nInjected: yes')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
