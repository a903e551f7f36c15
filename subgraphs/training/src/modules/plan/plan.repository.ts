import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Quota, TrainingPlan } from './plan.entity';

export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** training-plan.findAll: newest year first. */
  findPlans(year?: number): Promise<TrainingPlan[]> {
    return this.dataSource
      .getRepository(TrainingPlan)
      .find({ where: year ? { year } : {}, order: { year: 'DESC', code: 'ASC' } });
  }

  /** quota.findByPlanIds */
  findQuotas(planIds: readonly string[]): Promise<Quota[]> {
    return this.dataSource.getRepository(Quota).find({ where: { planId: AnyOf(planIds) }, order: { mode: 'ASC' } });
  }

  async insert(manager: EntityManager, plan: Partial<TrainingPlan>, quotas: Partial<Quota>[]): Promise<TrainingPlan> {
    const saved = await manager.getRepository(TrainingPlan).save(manager.getRepository(TrainingPlan).create(plan));
    if (quotas.length) await manager.getRepository(Quota).insert(quotas.map((q) => ({ ...q, planId: saved.id })));
    return saved;
  }
}
