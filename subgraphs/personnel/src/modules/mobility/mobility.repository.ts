import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Mobility } from './mobility.entity';

export class MobilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** mobility.findByCadreIds: every move recorded, cancelled ones included (the history keeps them, marked), oldest first. */
  findByCadreIds(cadreIds: readonly string[]): Promise<Mobility[]> {
    return this.dataSource.getRepository(Mobility).find({ where: { cadreId: AnyOf(cadreIds) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** mobility.findEnding: rotations and secondments whose planned end falls in [from, to]. */
  findEnding(from: string, to: string): Promise<Mobility[]> {
    return this.dataSource
      .getRepository(Mobility)
      .createQueryBuilder('m')
      .where('NOT m.cancelled AND m.planned_end_on BETWEEN :from AND :to', { from, to })
      .orderBy('m.planned_end_on')
      .addOrderBy('m.id')
      .getMany();
  }

  insert(manager: EntityManager, mobility: Partial<Mobility>): Promise<Mobility> {
    return manager.getRepository(Mobility).save(manager.getRepository(Mobility).create(mobility));
  }

  async cancelByDecision(manager: EntityManager, decisionId: string): Promise<Mobility[]> {
    const rows = await manager.getRepository(Mobility).find({ where: { decisionId, cancelled: false } });
    if (rows.length) await manager.getRepository(Mobility).update({ decisionId, cancelled: false }, { cancelled: true });
    return rows;
  }
}
