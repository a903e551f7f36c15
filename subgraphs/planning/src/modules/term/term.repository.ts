import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource } from 'typeorm';
import { RuleSet } from '../rule-set/rule-set.entity';
import { Term } from './term.entity';

export class TermRepository {
  /** Terms are read on every planning history and change a few times a decade: held in memory (see ReferenceCache). */
  private readonly cached = referenceCache(this.dataSource).entity(Term);

  constructor(private readonly dataSource: DataSource) {}

  /** term.findByIds */
  findByIds(ids: readonly string[]): Promise<Term[]> {
    return this.cached.findByIds(ids);
  }

  /** term.findAll */
  findAll(): Promise<Term[]> {
    return this.dataSource.getRepository(Term).find({ order: { startYear: 'ASC', track: 'ASC' } });
  }

  /** rule-set.findByCodes */
  findRuleSets(codes: readonly string[]): Promise<RuleSet[]> {
    return this.dataSource.getRepository(RuleSet).findBy({ code: AnyOf(codes) });
  }
}
