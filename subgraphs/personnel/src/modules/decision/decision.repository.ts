import { AnyOf } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { EFFECTIVE_UNIT_SQL } from '../cadre/cadre.repository';
import { Decision } from './decision.entity';

/**
 * Whom a decision concerns, as far as the access policy needs to know: whether it concerns anyone,
 * one unit among the caller's that a cadre it concerns belongs to today (null: none), and the actor
 * that registered it.
 */
export interface DecisionAudience {
  decisionId: string;
  concernsAnyone: boolean;
  unitInScope: string | null;
  registeredBy: string | null;
}

export class DecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** decision.findByIds (in a transaction when given one) */
  findByIds(ids: readonly string[], manager?: EntityManager): Promise<Decision[]> {
    return (manager ?? this.dataSource.manager).getRepository(Decision).findBy({ id: AnyOf(ids) });
  }

  /** decision.findByNumbers: an import batch's decisions that are registered already. */
  findByNumbers(manager: EntityManager, numbers: readonly string[]): Promise<Decision[]> {
    return manager.getRepository(Decision).findBy({ number: AnyOf(numbers) });
  }

  /**
   * decision.findAudiences: for each decision, whether its records (appointments, assignments, moves,
   * evaluations, measures) concern any cadre, and one of `units` (null: every unit) where a cadre
   * they concern belongs today. The search stops at the first such cadre, and cadres neither hired
   * in nor transferred to one of `units` are skipped before their unit today is worked out: a
   * decision about a whole province's evaluations stays cheap for a commune.
   */
  async findAudiences(
    ids: readonly string[],
    on: string,
    units: readonly string[] | null,
  ): Promise<DecisionAudience[]> {
    return this.dataSource.query(
      `WITH concerned AS (
         SELECT decision_id, cadre_id FROM personnel.assignment WHERE decision_id = ANY($1)
         UNION ALL SELECT decision_id, cadre_id FROM personnel.appointment WHERE decision_id = ANY($1)
         UNION ALL SELECT decision_id, cadre_id FROM personnel.mobility WHERE decision_id = ANY($1)
         UNION ALL SELECT decision_id, cadre_id FROM personnel.evaluation WHERE decision_id = ANY($1)
         UNION ALL SELECT decision_id, cadre_id FROM personnel.discipline WHERE decision_id = ANY($1)
       )
       SELECT d.id AS "decisionId",
              EXISTS (SELECT 1 FROM concerned c WHERE c.decision_id = d.id) AS "concernsAnyone",
              (SELECT today.unit_id
                 FROM concerned c JOIN personnel.cadre cadre ON cadre.id = c.cadre_id
                 CROSS JOIN LATERAL (SELECT ${EFFECTIVE_UNIT_SQL.replace(':on', '$2')} AS unit_id) today
                WHERE c.decision_id = d.id
                  AND ($3::uuid[] IS NULL OR cadre.org_unit_id = ANY($3) OR EXISTS (
                        SELECT 1 FROM personnel.mobility t WHERE t.cadre_id = cadre.id AND t.kind = 'TRANSFER' AND t.to_org_unit_id = ANY($3)))
                  AND ($3::uuid[] IS NULL OR today.unit_id = ANY($3))
                LIMIT 1) AS "unitInScope",
              (SELECT l.actor FROM personnel.change_log l WHERE l.entity_id = d.id AND l.action = 'DECISION_CREATED' ORDER BY l.id LIMIT 1) AS "registeredBy"
         FROM personnel.decision d
        WHERE d.id = ANY($1)`,
      [[...ids], on, units === null ? null : [...units]],
    );
  }

  /** decision.lock: a decision being cited or cancelled, locked for the transaction. */
  lock(manager: EntityManager, id: string): Promise<Decision | null> {
    return manager.getRepository(Decision).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, decision: Partial<Decision>): Promise<Decision> {
    return manager.getRepository(Decision).save(manager.getRepository(Decision).create(decision));
  }

  async markCancelled(manager: EntityManager, id: string, cancelledById: string, reason: string): Promise<Decision> {
    await manager
      .getRepository(Decision)
      .update(id, { cancelledById, cancelledAt: new Date(), cancellationReason: reason });
    return manager.getRepository(Decision).findOneByOrFail({ id });
  }
}
