import type { EntityManager } from 'typeorm';

/** A career event already recorded: who, what kind, under which decision. */
export interface RecordedEvent {
  cadreId: string;
  kind: string;
  decisionId: string;
}

/** The career events an import batch's decisions already made (its rows' natural keys in the database). */
export class CareerImportRepository {
  /** career-import.findRecorded: appointments and moves citing these decisions, not cancelled. */
  findRecorded(manager: EntityManager, decisionIds: readonly string[]): Promise<RecordedEvent[]> {
    if (!decisionIds.length) return Promise.resolve([]);
    return manager.query(
      `/* career-import.findRecorded */
       SELECT cadre_id AS "cadreId", kind, decision_id AS "decisionId" FROM appointment
        WHERE decision_id = ANY($1) AND NOT cancelled
       UNION ALL
       SELECT cadre_id, kind, decision_id FROM mobility WHERE decision_id = ANY($1) AND NOT cancelled`,
      [[...decisionIds]],
    );
  }
}
