import { In, type DataSource, type Repository } from 'typeorm';
import { Title } from './title.entity';

export class TitleRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get titles(): Repository<Title> {
    return this.dataSource.getRepository(Title);
  }

  /** title.findByIds */
  findByIds(ids: readonly string[]): Promise<Title[]> {
    return this.titles.findBy({ id: In([...ids]) });
  }

  /** title.findAll */
  findAll(): Promise<Title[]> {
    return this.titles.find({ order: { level: 'ASC', code: 'ASC' } });
  }
}
