import { LEAK_PATTERN, representations, useSubgraphHarness, type GraphQLResult } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Cadre, CadreCategory, Sex } from '../src/modules/cadre/cadre.entity';
import { personnelSubgraph } from '../src/subgraph';
import { cadreFields, createCadres, createOrgUnit } from './factories';

const harness = useSubgraphHarness(personnelSubgraph);

interface CadrePage {
  totalCount: number;
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const ENTITIES = `query ($refs: [_Any!]!) {
  _entities(representations: $refs) { ... on Cadre { id fullName dateOfBirth orgUnit { name } } }
}`;

describe('cadre references (_entities)', () => {
  it('resolves 100 references with the same number of SQL statements as 10', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const cadres = await createCadres(harness.subgraph.dataSource, unit.id, 100);
    const ids = cadres.map((c) => c.id);

    const { few, many } = await harness.measureFewAndMany<{ _entities: { id: string; orgUnit: { name: string } }[] }>(
      ENTITIES,
      (n) => ({ refs: representations('Cadre', ids.slice(0, n)) }),
    );

    expect(many.body.errors).toBeUndefined();
    expect(many.body.data?._entities.map((c) => c.id)).toEqual(ids);
    expect(many.body.data?._entities.every((c) => c.orgUnit.name === unit.name)).toBe(true);
    // The cadres with the unit each is in today (after transfers); the units come from memory.
    expect(many.sqlStatements).toBe(1);
    expect(few.sqlStatements).toBe(many.sqlStatements);
  });

  it('resolves unknown and malformed references to null', async () => {
    const result = await harness.query(ENTITIES, { refs: representations('Cadre', [randomUUID(), 'not-a-uuid']) });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({ _entities: [null, null] });
  });
});

describe('cadre(id)', () => {
  it('returns the cadre', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const [cadre] = await createCadres(harness.subgraph.dataSource, unit.id, 1, { fullName: 'Quàng Thị Hoa' });
    const result = await harness.query(`query ($id: ID!) { cadre(id: $id) { fullName sex orgUnit { code } } }`, {
      id: cadre?.id,
    });
    expect(result.body).toEqual({
      data: { cadre: { fullName: 'Quàng Thị Hoa', sex: 'MALE', orgUnit: { code: unit.code } } },
    });
  });

  it.each([
    ['an unknown id', randomUUID(), 'NOT_FOUND'],
    ['a malformed id', '12; DROP TABLE cadre', 'BAD_USER_INPUT'],
  ])('refuses %s with a clear code', async (_case, id, code) => {
    const result = await harness.query(`query ($id: ID!) { cadre(id: $id) { id } }`, { id });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ cadre: null });
    expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.text).not.toMatch(LEAK_PATTERN);
  });

  it('refuses a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
    const result = await harness.query(`query ($id: ID!) { cadre(id: $id) { id } }`, { id: { nested: true } });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.text).not.toMatch(LEAK_PATTERN);
  });
});

describe('cadres(first, after)', () => {
  it('pages through every cadre exactly once', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const created = await createCadres(harness.subgraph.dataSource, unit.id, 7);
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 1000; page++) {
      const result: GraphQLResult<{ cadres: CadrePage }> = await harness.query(
        `query ($after: String) { cadres(first: 50, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const connection = result.body.data!.cadres;
      total = connection.totalCount;
      for (const edge of connection.edges) {
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    // Other tests may add cadres meanwhile; every cadre that existed before the walk was seen.
    for (const cadre of created) expect(seen.has(cadre.id)).toBe(true);
    expect(total).toBeGreaterThanOrEqual(created.length);
  });

  it('filters by category and sex, with the filtered total', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    await createCadres(harness.subgraph.dataSource, unit.id, 3, { category: CadreCategory.PART_TIME, sex: Sex.FEMALE });
    const result = await harness.query<{
      cadres: { totalCount: number; edges: { node: { category: string; sex: string } }[] };
    }>(
      `{ cadres(first: 200, filter: { category: PART_TIME, sex: FEMALE }) { totalCount edges { node { category sex } } } }`,
    );
    const { totalCount, edges } = result.body.data!.cadres;
    expect(totalCount).toBeGreaterThanOrEqual(3);
    expect(edges.every(({ node }) => node.category === 'PART_TIME' && node.sex === 'FEMALE')).toBe(true);
  });

  it.each([
    ['a forged cursor', { first: 5, after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['a page too large', { first: 5000 }, 'first'],
    ['a negative page size', { first: -1 }, 'first'],
  ])('refuses %s', async (_case, variables, field) => {
    const result = await harness.query(
      `query ($first: Int!, $after: String) { cadres(first: $first, after: $after) { totalCount } }`,
      variables,
    );
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('database constraints', () => {
  it('keeps personal ID numbers unique even when the service is bypassed', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const repository = harness.subgraph.dataSource.getRepository(Cadre);
    const fields = cadreFields(unit.id);
    await repository.insert(fields);
    await expect(repository.insert({ ...fields })).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it.each([
    ['a personal ID number that is not 12 digits', { personalIdNumber: '12345678901A' }],
    ['a birth date before 1900', { dateOfBirth: '1899-12-31' }],
    ['an unknown sex', { sex: 'OTHER' }],
  ])('refuses %s', async (_case, overrides) => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const repository = harness.subgraph.dataSource.getRepository(Cadre);
    await expect(repository.insert(cadreFields(unit.id, overrides as never))).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
  });
});

describe('GET /health', () => {
  it('reports readiness with the database (as /health/ready does), and liveness apart', async () => {
    for (const path of ['/health', '/health/ready']) {
      const response = await fetch(harness.url.replace('/graphql', path));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', service: 'personnel', state: 'ready', database: 'ok' });
    }
    const live = await fetch(harness.url.replace('/graphql', '/health/live'));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', service: 'personnel', state: 'ready' });
  });
});
