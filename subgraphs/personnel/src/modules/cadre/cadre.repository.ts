import { In, type DataSource, type Repository } from 'typeorm';
import { Cadre } from './cadre.entity';
import type { CadreFilter } from './cadre.inputs';

export interface CadrePageQuery {
  filter: CadreFilter;
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
  findPage({ filter, first, after }: CadrePageQuery): Promise<Cadre[]> {
    const query = this.filtered(filter).orderBy('cadre.full_name').addOrderBy('cadre.id').limit(first);
    if (after) query.andWhere('(cadre.full_name, cadre.id) > (:name, :id)', { name: after[0], id: after[1] });
    return query.getMany();
  }

  /** cadre.count: the filter's total, for `totalCount`. */
  count(filter: CadreFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(filter: CadreFilter) {
    const query = this.cadres.createQueryBuilder('cadre').where('true');
    if (filter.category) query.andWhere('cadre.category = :category', { category: filter.category });
    if (filter.sex) query.andWhere('cadre.sex = :sex', { sex: filter.sex });
    return query;
  }
}
