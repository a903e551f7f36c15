import { oneByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { RuleSet } from '../rule-set/rule-set.entity';
import type { Term } from './term.entity';
import type { TermRepository } from './term.repository';

export function createTermLoaders(terms: TermRepository) {
  return {
    termById: new DataLoader<string, Term | null>(async (ids) =>
      oneByKey(ids, await terms.findByIds(ids), (t) => t.id),
    ),
    ruleSetByCode: new DataLoader<string, RuleSet | null>(async (codes) =>
      oneByKey(codes, await terms.findRuleSets(codes), (r) => r.code),
    ),
  };
}
