import { buildSchema, parse, TypeInfo, type OperationDefinitionNode } from 'graphql';
import { OperationMeasures, operationAliases, operationCost, operationDepth } from './operation-limits';

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
  return {
    depth: operationDepth(document, operation),
    aliases: operationAliases(document, operation),
    cost: operationCost(schema, document, operation, variables),
  };
};

describe('operation measures', () => {
  it('counts depth, aliases and cost through fragments', () => {
    expect(measure(`{ a: cadre(id: "x") { ...F } } fragment F on Cadre { orgUnit { name } b: fullName }`)).toEqual({
      depth: 3,
      aliases: 2,
      cost: 4,
    });
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

  it('survives a fragment cycle', () => {
    expect(
      measure(`{ cadre(id: "x") { ...A } } fragment A on Cadre { id ...B } fragment B on Cadre { ...A }`).depth,
    ).toBe(2);
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
    expect([measures.depth(document, operation), measures.aliases(document, operation)]).toEqual([4, 1]);
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
