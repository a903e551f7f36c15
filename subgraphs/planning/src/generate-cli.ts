import { runGenerator } from '@cadres/subgraph-kit';
import { generatePlanning } from './seed/generated-data';
import { planningSubgraph } from './subgraph';

void runGenerator(planningSubgraph, generatePlanning);
