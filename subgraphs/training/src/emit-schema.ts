import { emitSchema } from '@cadres/subgraph-kit';
import { join } from 'node:path';
import { trainingSubgraph } from './subgraph';

void emitSchema(trainingSubgraph, join(__dirname, '..', 'schema.graphql'));
