import { composeSupergraph, readSupergraph } from './supergraph';

it('composes the committed subgraph schemas into the committed supergraph', () => {
  expect(composeSupergraph()).toBe(readSupergraph());
});
