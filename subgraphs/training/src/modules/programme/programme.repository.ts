import { In, type DataSource, type Repository } from 'typeorm';
import { Programme } from './programme.entity';

export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get programmes(): Repository<Programme> {
    return this.dataSource.getRepository(Programme);
  }

  /** programme.findByIds */
  findByIds(ids: readonly string[]): Promise<Programme[]> {
    return this.programmes.findBy({ id: In([...ids]) });
  }

  /** programme.findAll */
  findAll(): Promise<Programme[]> {
    return this.programmes.find({ order: { category: 'ASC', code: 'ASC' } });
  }
}
