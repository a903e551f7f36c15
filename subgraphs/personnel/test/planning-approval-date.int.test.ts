import { useSubgraphHarness } from '@cadres/testing';
import { Sex } from '../src/modules/cadre/cadre.entity';
import { personnelSubgraph } from '../src/subgraph';
import { TermTrack } from '../../planning/src/modules/term/term.entity';
import { usePlanningFactory } from '../../planning/test/factories';
import { appoint, cadreBorn, createOrgUnit, createTitle, type UserErrorShape } from './career-fixtures';

/**
 * Issue 15, item 8, as personnel's rule 8 meets it: "in the planning" is judged by the date of the
 * decision that approved the entry, asked of the real planning subgraph over HTTP. The issue's
 * case: an approval dated in 2026, in a term whose years began earlier, let an appointment of years
 * before it pass.
 */
const harness = useSubgraphHarness(personnelSubgraph, { peers: ['planning'] });
const planning = usePlanningFactory();

const reasonOf = (errors: UserErrorShape[]) => errors.map((e) => `${e.code}/${e.reason}`);

describe('rule 8 with issue 15, item 8: in the planning from the approval decision’s date', () => {
  async function candidate() {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const title = await createTitle(harness.subgraph.dataSource);
    const cadre = await cadreBorn(harness, '1985-06-01', Sex.MALE, unit.id);
    // An entry of a 2022–2027 term, approved in 2026.
    await planning().approvedEntry(
      cadre.id,
      title.id,
      { startYear: 2022, endYear: 2027, track: TermTrack.STATE },
      { approvedOn: '2026-02-02', decisionNumber: '12-QĐ/TU' },
    );
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
