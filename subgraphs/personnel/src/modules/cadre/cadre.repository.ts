import { In, type DataSource, type Repository } from 'typeorm';
import { Cadre } from './cadre.entity';

export interface CadrePageQuery {
  first: number;
  /** Keyset of the last row already seen: (full name, id). */
  after?: readonly [string, string];
}

/** The only code that reads or writes personnel.cadre. */
export class CadreRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get cadres(): Repository<Cadre> {
    return this.dataSource.getRepository(Cadre);
  }

  /** cadre.findByIds: one statement for a whole DataLoader batch. */
  findByIds(ids: readonly string[]): Promise<Cadre[]> {
    return this.cadres.findBy({ id: In([...ids]) });
  }

  /** cadre.findPage: keyset pagination by (full_name, id) on cadre_full_name_id_idx. */
  findPage({ first, after }: CadrePageQuery): Promise<Cadre[]> {
    const query = this.cadres.createQueryBuilder('cadre').orderBy('cadre.full_name').addOrderBy('cadre.id').limit(first);
    if (after) query.where('(cadre.full_name, cadre.id) > (:name, :id)', { name: after[0], id: after[1] });
    return query.getMany();
  }

  count(): Promise<number> {
    return this.cadres.count();
  }
}
