import { type DataSource, type EntityManager } from 'typeorm';
import { Evaluation } from './evaluation.entity';

export class EvaluationRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, evaluation: Partial<Evaluation>): Promise<Evaluation> {
    return manager.getRepository(Evaluation).save(manager.getRepository(Evaluation).create(evaluation));
  }

  async cancelByDecision(manager: EntityManager, decisionId: string): Promise<Evaluation[]> {
    const rows = await manager.getRepository(Evaluation).find({ where: { decisionId, cancelled: false } });
    if (rows.length)
      await manager.getRepository(Evaluation).update({ decisionId, cancelled: false }, { cancelled: true });
    return rows;
  }
}
