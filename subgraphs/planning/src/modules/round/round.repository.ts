import { type DataSource, type EntityManager } from 'typeorm';
import { PlanningRound, RoundFlag } from './round.entity';

export class RoundRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** planning-round.findById */
  findById(id: string): Promise<PlanningRound | null> {
    return this.dataSource.getRepository(PlanningRound).findOneBy({ id });
  }

  // --- inside a write transaction ---------------------------------------------------------------

  insert(manager: EntityManager, round: Partial<PlanningRound>): Promise<PlanningRound> {
    return manager.getRepository(PlanningRound).save(manager.getRepository(PlanningRound).create(round));
  }

  /** A flag already raised for an entry in the round stays as it is (a review may run again). */
  async insertFlags(manager: EntityManager, flags: Partial<RoundFlag>[]): Promise<void> {
    if (flags.length) await manager.createQueryBuilder().insert().into(RoundFlag).values(flags).orIgnore().execute();
  }

  flagsOf(manager: EntityManager, roundId: string): Promise<RoundFlag[]> {
    return manager.getRepository(RoundFlag).find({ where: { roundId }, order: { reason: 'ASC', id: 'ASC' } });
  }

  lockFlag(manager: EntityManager, id: string): Promise<RoundFlag | null> {
    return manager.getRepository(RoundFlag).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async confirmFlag(manager: EntityManager, id: string, decisionNumber: string, on: string): Promise<RoundFlag> {
    await manager.getRepository(RoundFlag).update(id, { confirmedDecisionNumber: decisionNumber, confirmedOn: on });
    return manager.getRepository(RoundFlag).findOneByOrFail({ id });
  }
}
