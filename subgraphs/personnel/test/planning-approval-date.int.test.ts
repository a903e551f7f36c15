import { useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Sex } from '../src/modules/cadre/cadre.entity';
import { personnelSubgraph } from '../src/subgraph';
import { appoint, cadreBorn, createOrgUnit, createTitle, type UserErrorShape } from './career-fixtures';

/**
 * Issue 15, item 8, as personnel's rule 8 meets it: "in the planning" is judged by the date of the
 * decision that approved the entry, asked of the real planning subgraph over HTTP. The issue's
 * case: an approval dated in 2026, in a term whose years began earlier, let an appointment of years
 * before it pass.
 */
const harness = useSubgraphHarness(personnelSubgraph, { peers: ['planning'] });

const reasonOf = (errors: UserErrorShape[]) => errors.map((e) => `${e.code}/${e.reason}`);

/** An entry of a 2022–2027 term in planning's own tables (test setup only), approved on `approvedOn`. */
async function approvedInPlanning(cadreId: string, titleId: string, approvedOn: string): Promise<void> {
  const db = harness.subgraph.dataSource;
  const [term] = await db.query(
    `INSERT INTO planning.term (code, track, start_year, end_year, rule_set_code) VALUES ($1, 'STATE', 2022, 2027, 'QD-377-2025') RETURNING id`,
    [`T-${randomUUID().slice(0, 8)}`],
  );
  const [planned] = await db.query(
    `INSERT INTO planning.planned_title (term_id, title_id, title_level, title_rank, max_candidates) VALUES ($1, $2, 'PROVINCE', 80, 3) RETURNING id`,
    [term.id, titleId],
  );
  await db.query(
    `INSERT INTO planning.planning_entry (cadre_id, title_id, term_id, planned_title_id, status, added_decision_number, added_on) VALUES ($1, $2, $3, $4, 'APPROVED', '12-QĐ/TU', $5)`,
    [cadreId, titleId, term.id, planned.id, approvedOn],
  );
}

describe('rule 8 with issue 15, item 8: in the planning from the approval decision’s date', () => {
  async function candidate() {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const title = await createTitle(harness.subgraph.dataSource);
    const cadre = await cadreBorn(harness, '1985-06-01', Sex.MALE, unit.id);
    await approvedInPlanning(cadre.id, title.id, '2026-02-02');
    return { cadreId: cadre.id, titleId: title.id, orgUnitId: unit.id };
  }

  it('refuses a first appointment dated before the approval, though within the term’s years', async () => {
    const result = await appoint(harness, { ...(await candidate()), kind: 'FIRST', effectiveOn: '2023-06-01' });
    expect(reasonOf(result.errors)).toEqual(['RULE_VIOLATION/NOT_IN_PLANNING']);
  });

  it('accepts the same appointment dated on or after the approval', async () => {
    expect(
      (await appoint(harness, { ...(await candidate()), kind: 'FIRST', effectiveOn: '2026-02-02' })).errors,
    ).toEqual([]);
  });
});
