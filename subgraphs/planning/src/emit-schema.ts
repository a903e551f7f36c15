import { emitSchema } from '@cadres/subgraph-kit';
import { join } from 'node:path';
import { planningSubgraph } from './subgraph';

void emitSchema(planningSubgraph, join(__dirname, '..', 'schema.graphql'));
