/**
 * personnelOverview (issue 18 follow-up): the overview page's figures in one statement, over the
 * caller's units. Each figure is checked against a recount of the same cadres read through
 * `cadres` (their sex, birth date, ethnicity, category, unit level and Cadre.retirementDate).
 */
import { Role, today, type Identity } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { CadreCategory, Sex, type Cadre } from '../src/modules/cadre/cadre.entity';
import { OrgUnitLevel } from '../src/modules/org-unit/org-unit.entity';
import { personnelSubgraph } from '../src/subgraph';
import { createCadres, createOrgUnit } from './factories';

const harness = useSubgraphHarness(personnelSubgraph);

const OVERVIEW = `query ($unit: ID, $at: LocalDate) {
  personnelOverview(orgUnitSubtree: $unit, at: $at) {
    at total women womenShare ethnicMinorities ethnicMinorityShare
    byCategory { category count }
    byUnitLevel { level count }
    agePyramid { fromAge toAge men women }
    retirements { year men women }
  }
}`;

const RECOUNT = `query ($unit: ID!) {
  cadres(first: 100, filter: { orgUnitSubtree: $unit }) {
    totalCount
    edges { node { sex dateOfBirth ethnicity category retirementDate orgUnit { level } } }
  }
}`;

interface Overview {
  at: string;
  total: number;
  women: number;
  womenShare: number | null;
  ethnicMinorities: number;
  ethnicMinorityShare: number | null;
  byCategory: { category: string; count: number }[];
  byUnitLevel: { level: string; count: number }[];
  agePyramid: { fromAge: number; toAge: number | null; men: number; women: number }[];
  retirements: { year: number; men: number; women: number }[];
}

interface Listed {
  sex: string;
  dateOfBirth: string;
  ethnicity: string;
  category: string;
  retirementDate: string;
  orgUnit: { level: string };
}

const CATEGORIES = Object.values(CadreCategory);

/** Varied cadres: birth years 1961–2003 (some past retirement, some retiring soon), a third women, a fifth Thái. */
function variedCadres(count: number, seed: number): Partial<Cadre>[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + seed;
    const year = 1961 + ((k * 7) % 43);
    return {
      sex: k % 3 === 0 ? Sex.FEMALE : Sex.MALE,
      dateOfBirth: `${year}-${String((k % 12) + 1).padStart(2, '0')}-${String(((k * 3) % 28) + 1).padStart(2, '0')}`,
      ethnicity: k % 5 === 0 ? 'Thái' : 'Kinh',
      category: CATEGORIES[k % CATEGORIES.length],
    };
  });
}

async function insertVaried(unitId: string, count: number, seed: number): Promise<void> {
  for (const overrides of variedCadres(count, seed))
    await createCadres(harness.subgraph.dataSource, unitId, 1, overrides);
}

function ageOn(at: string, dateOfBirth: string): number {
  const years = Number(at.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return at.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** The figures personnelOverview should give, counted one cadre at a time. */
function recount(cadres: Listed[], at: string): Omit<Overview, 'at'> {
  const total = cadres.length;
  const women = cadres.filter((c) => c.sex === 'FEMALE').length;
  const ethnicMinorities = cadres.filter((c) => c.ethnicity !== 'Kinh').length;
  const firstYear = Number(at.slice(0, 4));
  const bandOf = (age: number) => Math.min(Math.max(Math.floor(age / 5) * 5, 20), 60);
  return {
    total,
    women,
    womenShare: total ? women / total : null,
    ethnicMinorities,
    ethnicMinorityShare: total ? ethnicMinorities / total : null,
    byCategory: CATEGORIES.map((category) => ({
      category,
      count: cadres.filter((c) => c.category === category).length,
    })),
    byUnitLevel: Object.values(OrgUnitLevel)
      .map((level) => ({ level, count: cadres.filter((c) => c.orgUnit.level === level).length }))
      .filter((l) => l.count > 0),
    agePyramid: [20, 25, 30, 35, 40, 45, 50, 55, 60].map((band) => {
      const inBand = cadres.filter((c) => bandOf(ageOn(at, c.dateOfBirth)) === band);
      return {
        fromAge: band === 20 ? 0 : band,
        toAge: band === 60 ? null : band + 4,
        men: inBand.filter((c) => c.sex === 'MALE').length,
        women: inBand.filter((c) => c.sex === 'FEMALE').length,
      };
    }),
    retirements: [0, 1, 2, 3, 4].map((i) => {
      const retiring = cadres.filter(
        (c) => c.retirementDate >= at && Number(c.retirementDate.slice(0, 4)) === firstYear + i,
      );
      return {
        year: firstYear + i,
        men: retiring.filter((c) => c.sex === 'MALE').length,
        women: retiring.filter((c) => c.sex === 'FEMALE').length,
      };
    }),
  };
}

let province: string;
let commune: string;
let elsewhere: string;

beforeAll(async () => {
  const dataSource = harness.subgraph.dataSource;
  province = (await createOrgUnit(dataSource)).id;
  commune = (await createOrgUnit(dataSource, { parentId: province, level: OrgUnitLevel.COMMUNE })).id;
  elsewhere = (await createOrgUnit(dataSource)).id;
  await insertVaried(province, 40, 0);
  await insertVaried(commune, 45, 40);
  await insertVaried(elsewhere, 12, 85);
});

async function overview(variables: Record<string, unknown>, identity?: Identity) {
  const result = await harness.query<{ personnelOverview: Overview }>(OVERVIEW, variables, identity);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.personnelOverview;
}

async function listed(unit: string): Promise<Listed[]> {
  const result = await harness.query<{ cadres: { totalCount: number; edges: { node: Listed }[] } }>(RECOUNT, { unit });
  expect(result.body.errors).toBeUndefined();
  const { totalCount, edges } = result.body.data!.cadres;
  expect(edges).toHaveLength(totalCount);
  return edges.map((e) => e.node);
}

describe('personnelOverview', () => {
  it('gives the figures a recount of the subtree’s cadres gives, on the date asked', async () => {
    const at = today();
    const figures = await overview({ unit: province, at });
    const cadres = await listed(province);
    expect(cadres).toHaveLength(85);
    expect(figures).toEqual({ at, ...recount(cadres, at) });
    // The data is varied enough for the comparison to mean something.
    expect(figures.byUnitLevel.map((l) => l.level).sort()).toEqual(['COMMUNE', 'PROVINCE']);
    expect(figures.retirements.some((r) => r.men + r.women > 0)).toBe(true);
    expect(figures.agePyramid.filter((b) => b.men + b.women > 0).length).toBeGreaterThan(4);
    expect(figures.women).toBeGreaterThan(0);
    expect(figures.ethnicMinorities).toBeGreaterThan(0);
  });

  it('shows a caller limited to some units only those units, whatever subtree is asked', async () => {
    const viewer: Identity = {
      subject: 'viewer-overview',
      role: Role.VIEWER,
      agency: null,
      scopes: [],
      units: [commune],
    };
    const at = today();
    const expected = { at, ...recount(await listed(commune), at) };
    expect(await overview({ at }, viewer)).toEqual(expected);
    expect(await overview({ unit: province, at }, viewer)).toEqual(expected);
    expect((await overview({ unit: elsewhere, at }, viewer)).total).toBe(0);
  });

  it('refuses a partner agency and a malformed unit id, with a typed error and no figures', async () => {
    const partner: Identity = {
      subject: 'partner-overview',
      role: Role.PARTNER,
      agency: 'Sở Nội vụ',
      scopes: [],
      units: [commune],
    };
    const refused = await harness.query(OVERVIEW, {}, partner);
    expect(refused.body.data?.personnelOverview ?? null).toBeNull();
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const malformed = await harness.query(OVERVIEW, { unit: 'not-an-id' });
    expect(malformed.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(malformed.body)).not.toMatch(/SELECT|syntax|personnel\./i);
  });

  it('costs the same SQL statements for 100 cadres as for 10', async () => {
    const units = new Map<number, string>();
    for (const n of [1, 10, 100]) {
      const unit = (await createOrgUnit(harness.subgraph.dataSource)).id;
      await createCadres(harness.subgraph.dataSource, unit, n, { dateOfBirth: '1965-03-01' });
      units.set(n, unit);
    }
    const { few, many } = await harness.measureFewAndMany<{ personnelOverview: Overview }>(OVERVIEW, (n) => ({
      unit: units.get(n),
    }));
    expect(few.body.data?.personnelOverview.total).toBe(10);
    expect(many.body.data?.personnelOverview.total).toBe(100);
    // The figures are one statement; the retirement schedule in force (the rule book) is the other.
    expect(many.sqlStatements).toBe(2);
    expect(few.sqlStatements).toBe(many.sqlStatements);
  });
});
