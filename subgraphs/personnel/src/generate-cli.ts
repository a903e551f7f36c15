import { runGenerator } from '@cadres/subgraph-kit';
import { generatePersonnel } from './seed/generated-data';
import { personnelSubgraph } from './subgraph';

void runGenerator(personnelSubgraph, generatePersonnel);
