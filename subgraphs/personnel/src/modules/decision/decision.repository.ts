import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { EFFECTIVE_UNIT_SQL } from '../cadre/cadre.repository';
import { Decision } from './decision.entity';

/** Whom a decision concerns, for the access policy: the units of its cadres today, and who registered it. */
export interface DecisionAudience {
  decisionId: string;
  units: string[];
  registeredBy: string | null;
}

export class DecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** decision.findByIds */
  findByIds(ids: readonly string[]): Promise<Decision[]> {
    return this.dataSource.getRepository(Decision).findBy({ id: AnyOf(ids) });
  }

  /**
   * decision.findAudiences: for each decision, the distinct units (today, after transfers) of the
   * cadres its records concern — appointments, assignments, moves, evaluations, measures — and the
   * actor that registered it. One statement for a batch; the units, not the cadres, come back, so
   * a decision about a whole district's staff stays a short answer.
   */
  async findAudiences(ids: readonly string[], on: string): Promise<DecisionAudience[]> {
    const rows: { decisionId: string; units: string[] | null; registeredBy: string | null }[] = await this.dataSource.query(
      `WITH concerned AS (
         SELECT decision_id, cadre_id FROM personnel.assignment WHERE decision_id = ANY($1)
         UNION SELECT decision_id, cadre_id FROM personnel.appointment WHERE decision_id = ANY($1)
         UNION SELECT decision_id, cadre_id FROM personnel.mobility WHERE decision_id = ANY($1)
         UNION SELECT decision_id, cadre_id FROM personnel.evaluation WHERE decision_id = ANY($1)
         UNION SELECT decision_id, cadre_id FROM personnel.discipline WHERE decision_id = ANY($1)
       ), units AS (
         SELECT c.decision_id, array_agg(DISTINCT ${EFFECTIVE_UNIT_SQL.replace(':on', '$2')}) AS units
           FROM concerned c JOIN personnel.cadre cadre ON cadre.id = c.cadre_id GROUP BY c.decision_id
       )
       SELECT d.id AS "decisionId", u.units,
              (SELECT l.actor FROM personnel.change_log l WHERE l.entity_id = d.id AND l.action = 'DECISION_CREATED' ORDER BY l.id LIMIT 1) AS "registeredBy"
         FROM personnel.decision d LEFT JOIN units u ON u.decision_id = d.id
        WHERE d.id = ANY($1)`,
      [[...ids], on],
    );
    return rows.map((row) => ({ decisionId: row.decisionId, units: row.units ?? [], registeredBy: row.registeredBy }));
  }

  /** decision.lock: a decision being cited or cancelled, locked for the transaction. */
  lock(manager: EntityManager, id: string): Promise<Decision | null> {
    return manager.getRepository(Decision).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, decision: Partial<Decision>): Promise<Decision> {
    return manager.getRepository(Decision).save(manager.getRepository(Decision).create(decision));
  }

  async markCancelled(manager: EntityManager, id: string, cancelledById: string, reason: string): Promise<Decision> {
    await manager.getRepository(Decision).update(id, { cancelledById, cancelledAt: new Date(), cancellationReason: reason });
    return manager.getRepository(Decision).findOneByOrFail({ id });
  }
}
