import { buildSchema, getOperationAST, parse } from 'graphql';
import { clientErrorFormatter, statusFor } from './client-errors';
import { inputProblems } from './input-values';

const schema = buildSchema(`
  scalar LocalDate
  scalar JSON
  input Filter { search: String, on: [LocalDate!] }
  type Query { cadres(filter: Filter, at: LocalDate): Int, setting(value: JSON): Int }
`);

function problems(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return inputProblems(schema, document, getOperationAST(document)!, variables);
}

describe('input values at the edge', () => {
  it('names the argument and input field of a bad literal', () => {
    expect(problems(`{ cadres(filter: { on: ["2024-01-01", "2023-02-29"] }) }`)).toEqual([
      expect.objectContaining({ argument: 'filter.on', field: 'Query.cadres' }),
    ]);
    expect(problems(`{ cadres(at: "30/04/2023") }`)).toEqual([expect.objectContaining({ argument: 'at' })]);
  });

  it('names the variable and the argument it feeds', () => {
    const found = problems(`query ($f: Filter) { cadres(filter: $f) }`, { f: { search: 'a\u0000b' } });
    expect(found).toEqual([
      expect.objectContaining({ argument: 'filter.search', variable: 'f', field: 'Query.cadres' }),
    ]);
    expect(found[0]?.message).toContain('U+0000');
  });

  it('checks the strings inside JSON', () => {
    expect(problems(`query ($v: JSON) { setting(value: $v) }`, { v: { a: ['ok', 'b\u001bc'] } })).toHaveLength(1);
    expect(problems(`{ setting(value: { a: "b\\u0001" }) }`)).toHaveLength(1);
  });

  it('lets real dates, tabs and line breaks through, and leaves wrong shapes to GraphQL coercion', () => {
    expect(
      problems(`query ($f: Filter) { cadres(filter: $f, at: "2024-02-29") }`, {
        f: { search: 'a\tb\r\nc', on: ['2025-12-31'] },
      }),
    ).toEqual([]);
    expect(problems(`query ($f: Filter) { cadres(filter: $f) }`, { f: { search: 42 } })).toEqual([]);
  });
});

describe('client errors', () => {
  it('answers a well-formed request’s errors 200 in application/json, 400 in application/graphql-response+json', () => {
    const body = JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    expect(statusFor(400, 'application/json; charset=utf-8', body)).toBe(200);
    expect(statusFor(400, 'application/graphql-response+json; charset=utf-8', body)).toBe(400);
    expect(
      statusFor(
        400,
        'application/json',
        JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'BAD_REQUEST' } }] }),
      ),
    ).toBe(400);
  });

  it('gives Apollo Server’s code-less persisted-query refusals a code', () => {
    const format = clientErrorFormatter((formatted) => formatted);
    expect(
      format({ message: 'provided sha does not match query', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, null)
        .extensions?.code,
    ).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(format({ message: 'Unsupported persisted query version' }, null).extensions?.code).toBe(
      'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
    );
  });
});
