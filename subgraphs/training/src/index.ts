import './tracing';
import { runSubgraph } from '@cadres/subgraph-kit';
import { trainingSubgraph } from './subgraph';

void runSubgraph(trainingSubgraph);
