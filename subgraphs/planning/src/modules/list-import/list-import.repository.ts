import type { EntityManager } from 'typeorm';
import { PlannedTitle } from '../planned-title/planned-title.entity';
import { PlanningEntry } from '../planning-entry/planning-entry.entity';

/** What a planning list's batch looks up in one statement each. */
export class ListImportRepository {
  /** list-import.termCodes: every term's id and code (a list names its term by code). */
  termCodes(manager: EntityManager): Promise<{ id: string; code: string }[]> {
    return manager.query(`/* list-import.termCodes */ SELECT id, code FROM term`);
  }

  /** list-import.plannedTitles: the titles these terms plan. */
  plannedTitles(manager: EntityManager, termIds: string[]): Promise<PlannedTitle[]> {
    if (!termIds.length) return Promise.resolve([]);
    return manager
      .getRepository(PlannedTitle)
      .createQueryBuilder('p')
      .where('p.term_id = ANY(:termIds)', { termIds })
      .getMany();
  }

  /** list-import.entries: these cadres' entries in these terms (a row's entry: its planned title and cadre). */
  entries(manager: EntityManager, termIds: string[], cadreIds: string[]): Promise<PlanningEntry[]> {
    if (!termIds.length || !cadreIds.length) return Promise.resolve([]);
    return manager
      .getRepository(PlanningEntry)
      .createQueryBuilder('e')
      .where('e.term_id = ANY(:termIds) AND e.cadre_id = ANY(:cadreIds)', { termIds, cadreIds })
      .getMany();
  }
}
