import type { Logger } from '@cadres/core';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { callSubgraph } from './subgraph-client';

const UNITS = `query ($ids: [ID!]!) { cadresByIds(ids: $ids) { id orgUnit { id } } }`;
const cadreUnits = z.object({
  cadresByIds: z.array(z.object({ id: z.string(), orgUnit: z.object({ id: z.string() }) })),
});
/** personnel's `cadresByIds` answers at most 500 ids a call. */
const BATCH = 500;

async function personnelAnswers(url: string, logger: Logger): Promise<boolean> {
  const health = new URL('/health', url);
  for (let attempt = 0; attempt < 180; attempt++) {
    if (
      await fetch(health).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    if (attempt === 0) logger.info('waiting for personnel to fill cadres’ units');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

export interface CadreUnitColumn {
  /** The table, in the subgraph's own schema, and its cadre id and unit columns. */
  table: string;
  cadreColumn: string;
  unitColumn: string;
}

/**
 * Fills a cadre's unit into rows made before a subgraph kept it (training's enrollments, planning's
 * entries): access to them is decided by that unit, and personnel alone knows where each cadre is,
 * so it is asked by id, 500 cadres a call, signed as the calling service. Rows it cannot fill
 * (personnel away) keep no unit, which the policies read as "outside every scope but ADMIN's".
 */
export async function fillCadreUnits(
  dataSource: DataSource,
  column: CadreUnitColumn,
  options: { personnelUrl: string | undefined; signingSecret: string; caller: string; logger: Logger },
): Promise<number> {
  const { table, cadreColumn, unitColumn } = column;
  const rows: { cadreId: string }[] = await dataSource.query(
    `SELECT DISTINCT ${cadreColumn} AS "cadreId" FROM ${table} WHERE ${unitColumn} IS NULL`,
  );
  if (!rows.length) return 0;
  if (!options.personnelUrl || !(await personnelAnswers(options.personnelUrl, options.logger))) {
    options.logger.warn(
      { table, cadres: rows.length },
      'cadres’ units not filled: personnel does not answer; their rows are ADMIN’s alone',
    );
    return 0;
  }
  let filled = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const ids = rows.slice(i, i + BATCH).map((r) => r.cadreId);
    const { cadresByIds } = await callSubgraph('personnel', options.personnelUrl, UNITS, { ids }, cadreUnits, {
      signingSecret: options.signingSecret,
      caller: options.caller,
      timeoutMs: 30_000,
    });
    const [, updated]: [unknown, number] = await dataSource.query(
      `UPDATE ${table} t SET ${unitColumn} = u.unit FROM unnest($1::uuid[], $2::uuid[]) AS u(cadre, unit) WHERE t.${cadreColumn} = u.cadre AND t.${unitColumn} IS NULL`,
      [cadresByIds.map((c) => c.id), cadresByIds.map((c) => c.orgUnit.id)],
    );
    filled += updated;
  }
  options.logger.info({ table, rows: filled }, 'cadres’ units filled from personnel');
  return filled;
}
