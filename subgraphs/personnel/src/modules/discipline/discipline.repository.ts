import { type DataSource, type EntityManager } from 'typeorm';
import { Discipline } from './discipline.entity';

export class DisciplineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** discipline.findInEffect: measures taken on or before a date, within a write. */
  findTakenBy(manager: EntityManager, cadreId: string, on: string): Promise<Discipline[]> {
    return manager
      .getRepository(Discipline)
      .createQueryBuilder('d')
      .where('d.cadre_id = :cadreId AND NOT d.cancelled AND d.effective_on <= :on', { cadreId, on })
      .getMany();
  }

  insert(manager: EntityManager, discipline: Partial<Discipline>): Promise<Discipline> {
    return manager.getRepository(Discipline).save(manager.getRepository(Discipline).create(discipline));
  }

  async cancelByDecision(manager: EntityManager, decisionId: string): Promise<Discipline[]> {
    const rows = await manager.getRepository(Discipline).find({ where: { decisionId, cancelled: false } });
    if (rows.length)
      await manager.getRepository(Discipline).update({ decisionId, cancelled: false }, { cancelled: true });
    return rows;
  }
}
