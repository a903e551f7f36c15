import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, item 2: every nomination to a class that a plan covers counts against the nominee's
 * unit's quota, cited or not, so `quotaFulfilment` and the nominee cap see the same nominees.
 * Nominations made before, without a quota, are given the one that covers them where SQL alone can
 * tell: the plan of the year the class opens has a single, province-wide quota for its programme
 * and mode and no unit's quota (a unit's quota needs personnel's tree, which a migration cannot ask).
 */
export class QuotaAlwaysCounted1764700000000 implements MigrationInterface {
  name = 'QuotaAlwaysCounted1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE training.enrollment e SET quota_id = covering.id
        FROM training.training_class c,
             LATERAL (SELECT min(q.id::text)::uuid AS id, count(*) AS quotas, count(q.org_unit_id) AS unit_quotas
                        FROM training.quota q JOIN training.training_plan p ON p.id = q.plan_id
                       WHERE p.year = extract(year FROM c.start_date) AND q.programme_id = c.programme_id AND q.mode = c.mode) covering
       WHERE c.id = e.class_id AND e.quota_id IS NULL AND covering.quotas = 1 AND covering.unit_quotas = 0`);
    await db.query(`CREATE INDEX quota_plan_programme_mode_idx ON training.quota (programme_id, mode, plan_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX training.quota_plan_programme_mode_idx`);
  }
}
