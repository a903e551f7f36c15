import { type DataSource, type EntityManager } from 'typeorm';
import { Mobility } from './mobility.entity';

export class MobilityRepository {
  constructor(private readonly dataSource: DataSource) {}

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

  /**
   * mobility.countOverlapping: moves not cancelled under way at some time in [from, to] (started by
   * `to`, not planned to end before `from`), per kind, counted for cadres of the given units (null:
   * all). The committee counts a term's rotations this way: one begun before the term and still
   * under way in it is among "the cadres rearranged with rotation" of that term. One statement.
   */
  async countOverlapping(
    from: string | null,
    to: string | null,
    units: string[] | null,
  ): Promise<{ kind: string; moves: number; cadres: number }[]> {
    return this.dataSource.query(
      `SELECT m.kind, count(*)::int AS moves, count(DISTINCT m.cadre_id)::int AS cadres
         FROM mobility m JOIN cadre c ON c.id = m.cadre_id
        WHERE NOT m.cancelled
          AND ($1::date IS NULL OR m.planned_end_on IS NULL OR m.planned_end_on >= $1::date)
          AND ($2::date IS NULL OR m.starts_on <= $2::date)
          AND ($3::uuid[] IS NULL OR c.org_unit_id = ANY($3::uuid[]))
        GROUP BY m.kind ORDER BY m.kind`,
      [from, to, units],
    );
  }

  insert(manager: EntityManager, mobility: Partial<Mobility>): Promise<Mobility> {
    return manager.getRepository(Mobility).save(manager.getRepository(Mobility).create(mobility));
  }

  async cancelByDecision(manager: EntityManager, decisionId: string): Promise<Mobility[]> {
    const rows = await manager.getRepository(Mobility).find({ where: { decisionId, cancelled: false } });
    if (rows.length)
      await manager.getRepository(Mobility).update({ decisionId, cancelled: false }, { cancelled: true });
    return rows;
  }
}
