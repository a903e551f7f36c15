import { Connection } from '@cadres/subgraph-kit';
import { ObjectType } from 'type-graphql';
import { Cadre } from './cadre.entity';

@ObjectType({ description: 'A page of cadres (Relay connection).' })
export class CadreConnection extends Connection(Cadre) {}
