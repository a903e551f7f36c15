import type { EntityManager } from 'typeorm';
import { Enrollment } from '../enrollment/enrollment.entity';

/** What a roster batch looks up in one statement each: the classes by code, the enrollments it names. */
export class RosterImportRepository {
  /** roster-import.classCodes: every class's id, code and end (a roster names its class by code). */
  classCodes(manager: EntityManager): Promise<{ id: string; code: string; endDate: string }[]> {
    return manager.query(
      `/* roster-import.classCodes */ SELECT id, code, to_char(end_date, 'YYYY-MM-DD') AS "endDate" FROM training_class`,
    );
  }

  /** roster-import.findEnrollments: the enrollments of these cadres in these classes (a row's natural key). */
  findEnrollments(manager: EntityManager, classIds: string[], cadreIds: string[]): Promise<Enrollment[]> {
    if (!classIds.length || !cadreIds.length) return Promise.resolve([]);
    return manager
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .where('e.class_id = ANY(:classIds) AND e.cadre_id = ANY(:cadreIds)', { classIds, cadreIds })
      .getMany();
  }
}
