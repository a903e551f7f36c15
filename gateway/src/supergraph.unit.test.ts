import { compose, possibleTypesJson, readPossibleTypes, readSupergraph } from './supergraph';

const composition = compose();

it('composes the committed subgraph schemas into the committed supergraph', () => {
  expect(composition.supergraphSdl).toBe(readSupergraph());
});

it("commits the clients' possibleTypes of the composed schema (gateway/possible-types.json)", () => {
  expect(readPossibleTypes()).toBe(possibleTypesJson(composition.apiSchema));
  // The union a dossier's career history returns: without it a fragment on CareerEvent matches nothing.
  expect(JSON.parse(readPossibleTypes())).toMatchObject({ CareerEvent: ['Assignment', 'Mobility', 'Retirement'] });
});
