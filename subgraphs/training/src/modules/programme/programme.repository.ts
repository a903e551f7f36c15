import { referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type Repository } from 'typeorm';
import { Programme } from './programme.entity';

export class ProgrammeRepository {
  /** The catalogue is read on nearly every training history and changes rarely: held in memory (see ReferenceCache). */
  private readonly cached = referenceCache(this.dataSource).entity(Programme);

  constructor(private readonly dataSource: DataSource) {}

  private get programmes(): Repository<Programme> {
    return this.dataSource.getRepository(Programme);
  }

  /** programme.findByIds */
  findByIds(ids: readonly string[]): Promise<Programme[]> {
    return this.cached.findByIds(ids);
  }

  /** programme.findAll */
  findAll(): Promise<Programme[]> {
    return this.programmes.find({ order: { category: 'ASC', code: 'ASC' } });
  }
}
