import { runGenerator } from '@cadres/subgraph-kit';
import { generateTraining } from './seed/generated-data';
import { trainingSubgraph } from './subgraph';

void runGenerator(trainingSubgraph, generateTraining);
