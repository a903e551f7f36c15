import { CLIENT_DOSSIER } from '../support/client-queries';
import { planShape } from '../support/plan-shape';
import { DOSSIER, DOSSIER_PAGE } from '../support/queries';

// The query plans of the dossier, from the committed supergraph (no platform needed). They hold the
// number of subgraph calls a dossier makes, and how many wait for each other, where a schema change
// would move them unnoticed: each call costs an HTTP request, a GraphQL execution and a signature
// check, and each sequential one adds its latency (BENCHMARKS.md, "Where a dossier's CPU goes").

const withoutStandardsGap = (operation: string): string => {
  const stripped = operation.replace('standardsGap { meetsStandard }', '');
  expect(stripped).not.toBe(operation);
  return stripped;
};

describe("the dossier's query plan", () => {
  it('makes seven subgraph calls, five of them one after another', () => {
    const { sequentialFetches, fetches } = planShape(DOSSIER);
    expect(sequentialFetches).toBe(5);
    expect([...fetches].sort()).toEqual([
      'personnel',
      'personnel',
      'personnel',
      'planning',
      'planning',
      'training',
      'training',
    ]);
  });

  it("owes two of the sequential calls and three of the calls to each entry's standards gap", () => {
    // Without it: personnel (the cadre) → planning (its entries) → personnel (their titles'
    // names), training beside them. The gap's @requires on each entry goes back to personnel for
    // the entry's cadre's unit, degree and grade, then to training for its levels (training's
    // fields require the unit), and last to planning to compare them with the title's standard
    // (personnel gives it with the names): the same cadre's facts, fetched again per entry.
    const { sequentialFetches, fetches } = planShape(withoutStandardsGap(DOSSIER));
    expect(sequentialFetches).toBe(3);
    expect(fetches).toHaveLength(4);
    // The page of dossiers plans the same way: each list is one call for the whole page.
    expect(planShape(DOSSIER_PAGE)).toEqual({ sequentialFetches: 5, fetches: expect.any(Array) });
    expect(planShape(DOSSIER_PAGE).fetches).toHaveLength(7);
    expect(planShape(withoutStandardsGap(DOSSIER_PAGE)).sequentialFetches).toBe(3);
  });

  it("plans the README's client dossier (the gap with its closing programmes) the same way", () => {
    // The closing programmes' names come from training after the gap: one call and one wait more.
    const { sequentialFetches, fetches } = planShape(CLIENT_DOSSIER);
    expect(sequentialFetches).toBe(6);
    expect(fetches).toHaveLength(8);
  });
});
