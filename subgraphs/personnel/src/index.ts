import './tracing';
import { runSubgraph } from '@cadres/subgraph-kit';
import { personnelSubgraph } from './subgraph';

void runSubgraph(personnelSubgraph);
