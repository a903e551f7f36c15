import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
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

  /** term.findByCode: a term and its rule set, for the dashboards (null: no such term, or none governs it). */
  async findWithRulesByCode(code: string): Promise<{ term: Term; ruleSet: RuleSet } | null> {
    const term = await this.dataSource.getRepository(Term).findOneBy({ code });
    if (!term?.ruleSetCode) return null;
    return { term, ruleSet: await this.dataSource.getRepository(RuleSet).findOneByOrFail({ code: term.ruleSetCode }) };
  }

  /** rule-set.findAll */
  findAllRuleSets(): Promise<RuleSet[]> {
    return this.dataSource.getRepository(RuleSet).find({ order: { code: 'ASC' } });
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /** A term and the rule set that governs it (null: no such term, or none governs it). */
  async termWithRules(manager: EntityManager, termId: string): Promise<{ term: Term; ruleSet: RuleSet } | null> {
    const term = await manager.getRepository(Term).findOneBy({ id: termId });
    if (!term?.ruleSetCode) return null;
    return { term, ruleSet: await manager.getRepository(RuleSet).findOneByOrFail({ code: term.ruleSetCode }) };
  }

  async termById(manager: EntityManager, termId: string): Promise<Term> {
    return manager.getRepository(Term).findOneByOrFail({ id: termId });
  }

  ruleSetExists(manager: EntityManager, code: string): Promise<boolean> {
    return manager.getRepository(RuleSet).existsBy({ code });
  }

  insert(manager: EntityManager, term: Partial<Term>): Promise<Term> {
    return manager.getRepository(Term).save(manager.getRepository(Term).create(term));
  }
}
