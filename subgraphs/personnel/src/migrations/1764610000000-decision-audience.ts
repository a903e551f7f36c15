import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whom a decision concerns is asked by the access policy (issue 12) for `decision(id)` and for every
 * change citing a decision: each record citing one is found by its decision. Appointments and moves
 * had that index already; assignments, evaluations and measures get theirs.
 */
export class DecisionAudience1764610000000 implements MigrationInterface {
  name = 'DecisionAudience1764610000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['assignment', 'evaluation', 'discipline']) {
      await db.query(`CREATE INDEX IF NOT EXISTS ${table}_decision_idx ON personnel.${table} (decision_id)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['assignment', 'evaluation', 'discipline'])
      await db.query(`DROP INDEX IF EXISTS personnel.${table}_decision_idx`);
  }
}
