import { referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type Repository } from 'typeorm';
import { Assignment } from '../appointment/appointment.entity';
import { Title } from './title.entity';

export class TitleRepository {
  /** Titles are read on nearly every dossier and change rarely: held in memory (see ReferenceCache). */
  private readonly cached = referenceCache(this.dataSource).entity(Title);

  constructor(private readonly dataSource: DataSource) {}

  private get titles(): Repository<Title> {
    return this.dataSource.getRepository(Title);
  }

  /** title.findByIds */
  findByIds(ids: readonly string[]): Promise<Title[]> {
    return this.cached.findByIds(ids);
  }

  /** title.findAll */
  findAll(): Promise<Title[]> {
    return this.titles.find({ order: { level: 'ASC', code: 'ASC' } });
  }

  /** assignment.findHoldersOfTitles: current holders of many titles, on a date. */
  findHolders(titleIds: readonly string[], on: string): Promise<Assignment[]> {
    return this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .where(
        'a.title_id = ANY(:titleIds) AND NOT a.cancelled AND a.starts_on <= :on AND (a.ends_on IS NULL OR a.ends_on > :on)',
        { titleIds: [...titleIds], on },
      )
      .orderBy('a.starts_on')
      .getMany();
  }
}
