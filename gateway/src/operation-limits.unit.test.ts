import { parse, type OperationDefinitionNode } from 'graphql';
import { operationAliases, operationCost, operationDepth } from './operation-limits';

const measure = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return { depth: operationDepth(document, operation), aliases: operationAliases(document, operation), cost: operationCost(document, operation, variables) };
};

describe('operation measures', () => {
  it('counts depth, aliases and cost through fragments', () => {
    expect(measure(`{ a: cadre(id: "x") { ...F } } fragment F on Cadre { orgUnit { name } b: fullName }`)).toEqual({ depth: 3, aliases: 2, cost: 4 });
  });

  it('multiplies cost by the page sizes above each field, from literals or variables', () => {
    const query = `query ($n: Int) { cadres(first: $n) { edges { node { fullName } } } }`;
    expect(measure(query, { n: 10 }).cost).toBe(1 + 10 * 3);
    expect(measure(query, { n: 200 }).cost).toBe(1 + 200 * 3);
    expect(measure(`{ cadres(first: 5) { edges { node { id } } } }`).cost).toBe(16);
  });

  it('survives a fragment cycle', () => {
    expect(measure(`{ cadre(id: "x") { ...A } } fragment A on Cadre { id ...B } fragment B on Cadre { ...A }`).depth).toBe(2);
  });
});
