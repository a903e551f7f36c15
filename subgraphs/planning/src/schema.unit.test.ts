import { printSubgraphSdl } from '@cadres/subgraph-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planningSubgraph } from './subgraph';

it('matches the committed schema.graphql (run `npm run compose` after changing the API)', async () => {
  const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
  expect(await printSubgraphSdl(planningSubgraph)).toBe(committed);
});
