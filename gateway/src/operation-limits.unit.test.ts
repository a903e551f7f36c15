import { buildSchema, parse, TypeInfo, validate, type OperationDefinitionNode } from 'graphql';
import {
  depthAndAliasLimitsRule,
  OperationLimitError,
  OperationMeasures,
  operationCost,
  type DepthAndAliasLimits,
} from './operation-limits';

const schema = buildSchema(`
  type Query { cadre(id: ID!): Cadre  cadres(first: Int = 20): CadreConnection!  titles: [Title!]! }
  type CadreConnection { edges: [Edge!]! }
  type Edge { node: Cadre! }
  type Cadre { id: ID! fullName: String orgUnit: OrgUnit }
  type OrgUnit { name: String }
  type Title { name: String holders: [Cadre!]! }
`);

const measure = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return { cost: operationCost(schema, document, operation, variables) };
};

const NO_LIMITS: DepthAndAliasLimits = { maxDepth: Infinity, introspectionMaxDepth: Infinity, maxAliases: Infinity };

/** What the depth and alias rule reports on a document, alone (as the only validation rule). */
const refusals = (query: string, limits: Partial<DepthAndAliasLimits>) =>
  validate(schema, parse(query), [depthAndAliasLimitsRule({ ...NO_LIMITS, ...limits })]).map((error) => [
    error instanceof OperationLimitError ? error.code : error.extensions.code,
    error.message,
  ]);

const FRAGMENTED = `{ a: cadre(id: "x") { ...F } } fragment F on Cadre { orgUnit { name } b: fullName }`;

describe('depth and alias limits (graphql-armor counting)', () => {
  it('counts fields through fragments, which add no level themselves, and refuses one over the limit', () => {
    expect(refusals(FRAGMENTED, { maxDepth: 3, maxAliases: 2 })).toEqual([]);
    expect(refusals(FRAGMENTED, { maxDepth: 2 })).toEqual([
      ['OPERATION_TOO_DEEP', 'The operation is 3 levels deep; at most 2 are allowed.'],
    ]);
    expect(refusals(`{ cadre(id: "x") { ... on Cadre { orgUnit { name } } } }`, { maxDepth: 3 })).toEqual([]);
  });

  it('counts aliases through fragments, those of __typename too', () => {
    expect(refusals(FRAGMENTED, { maxAliases: 1 })).toEqual([
      ['TOO_MANY_ALIASES', 'The operation uses 2 aliases; at most 1 are allowed.'],
    ]);
    const typenames = `{ ${Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect(refusals(typenames, { maxAliases: 39 })).toEqual([
      ['TOO_MANY_ALIASES', 'The operation uses 40 aliases; at most 39 are allowed.'],
    ]);
  });

  it('holds introspection to its own depth limit, and only introspection', () => {
    const introspection = `{ __type(name: "Cadre") { fields { type { ofType { name } } } } }`;
    expect(refusals(introspection, { maxDepth: 1, introspectionMaxDepth: 5 })).toEqual([]);
    expect(refusals(introspection, { maxDepth: 10, introspectionMaxDepth: 4 })).toEqual([
      ['OPERATION_TOO_DEEP', 'The operation is 5 levels deep; at most 4 are allowed.'],
    ]);
    expect(
      refusals(`{ __typename cadre(id: "x") { orgUnit { name } } }`, { introspectionMaxDepth: 9, maxDepth: 2 }),
    ).toEqual([['OPERATION_TOO_DEEP', 'The operation is 3 levels deep; at most 2 are allowed.']]);
  });

  it('survives a fragment cycle', () => {
    const cycle = `{ cadre(id: "x") { ...A } } fragment A on Cadre { id ...B } fragment B on Cadre { ...A }`;
    expect(refusals(cycle, { maxDepth: 2 })).toEqual([]);
    expect(refusals(cycle, { maxDepth: 1 })).toEqual([
      ['OPERATION_TOO_DEEP', 'The operation is 2 levels deep; at most 1 are allowed.'],
    ]);
  });
});

describe('operation cost', () => {
  it('counts cost through fragments', () => {
    expect(measure(FRAGMENTED).cost).toBe(4);
    expect(
      measure(`{ a: cadre(id: "x") { ...F } b: cadre(id: "y") { ...F } } fragment F on Cadre { orgUnit { name } }`)
        .cost,
    ).toBe(6);
  });

  it('multiplies cost by the page sizes above each field: literals, variables, their defaults, the argument’s default', () => {
    const query = `query ($n: Int) { cadres(first: $n) { edges { node { fullName } } } }`;
    expect(measure(query, { n: 10 }).cost).toBe(1 + 10 * 3);
    expect(measure(query, { n: 200 }).cost).toBe(1 + 200 * 3);
    expect(measure(`{ cadres(first: 5) { edges { node { id } } } }`).cost).toBe(16);
    expect(measure(`query ($n: Int = 200) { cadres(first: $n) { edges { node { id } } } }`).cost).toBe(1 + 200 * 3);
    expect(measure(`{ cadres { edges { node { id } } } }`).cost).toBe(1 + 20 * 3);
  });

  it('weighs lists without a page size', () => {
    expect(measure(`{ titles { name holders { fullName } } }`).cost).toBe(1 + 20 * (2 + 20 * 1));
  });
});

describe('remembered operation measures', () => {
  const query = `query ($n: Int = 7, $id: ID!) { a: cadre(id: $id) { id } cadres(first: $n) { edges { node { fullName } } } } `;
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;

  it('gives what the measures give, page size by page size, variable default and explicit null included', () => {
    const measures = new OperationMeasures();
    for (const variables of [
      { n: 10, id: 'x' },
      { n: 200, id: 'x' },
      { id: 'y' },
      { n: null, id: 'x' },
      { n: 10, id: 'z' },
      { id: 'x' },
    ]) {
      expect(measures.cost(schema, document, operation, variables)).toBe(
        operationCost(schema, document, operation, variables),
      );
    }
  });

  it('walks an operation once per distinct page size, whatever the other variables', () => {
    const measures = new OperationMeasures();
    const walks = jest.spyOn(TypeInfo.prototype, 'enter');
    measures.cost(schema, document, operation, { n: 10, id: 'x' });
    const once = walks.mock.calls.length;
    measures.cost(schema, document, operation, { n: 10, id: 'y' });
    expect(walks.mock.calls.length).toBe(once);
    measures.cost(schema, document, operation, { n: 11, id: 'y' });
    expect(walks.mock.calls.length).toBe(2 * once);
    walks.mockRestore();
  });
});
