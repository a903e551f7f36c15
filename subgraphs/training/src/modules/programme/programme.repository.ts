import { referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager, type Repository } from 'typeorm';
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

  // --- inside a write transaction ---------------------------------------------------------------

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(Programme).existsBy({ id });
  }

  insert(manager: EntityManager, programme: Partial<Programme>): Promise<Programme> {
    return manager.getRepository(Programme).save(manager.getRepository(Programme).create(programme));
  }
}
