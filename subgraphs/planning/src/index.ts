import './tracing';
import { runSubgraph } from '@cadres/subgraph-kit';
import { planningSubgraph } from './subgraph';

void runSubgraph(planningSubgraph);
