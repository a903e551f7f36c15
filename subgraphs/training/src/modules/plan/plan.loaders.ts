import { manyByKey } from '@cadres/subgraph-kit';
import DataLoader from 'dataloader';
import type { Quota } from './plan.entity';
import type { PlanRepository } from './plan.repository';

export function createPlanLoaders(plans: PlanRepository) {
  return {
    quotasByPlanId: new DataLoader<string, Quota[]>(async (ids) =>
      manyByKey(ids, await plans.findQuotas(ids), (q) => q.planId),
    ),
  };
}
