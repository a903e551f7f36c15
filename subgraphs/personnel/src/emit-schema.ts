import { emitSchema } from '@cadres/subgraph-kit';
import { join } from 'node:path';
import { personnelSubgraph } from './subgraph';

void emitSchema(personnelSubgraph, join(__dirname, '..', 'schema.graphql'));
