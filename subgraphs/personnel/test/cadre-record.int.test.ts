import { Role } from '@cadres/core';
import { useSubgraphHarness } from '@cadres/testing';
import { randomUUID } from 'node:crypto';
import { Cadre, Sex } from '../src/modules/cadre/cadre.entity';
import { OrgUnitLevel } from '../src/modules/org-unit/org-unit.entity';
import { personnelSubgraph } from '../src/subgraph';
import {
  appoint,
  cadreBorn,
  createOrgUnit,
  createTitle,
  matchingPersonalId,
  type UserErrorShape,
} from './career-fixtures';

const harness = useSubgraphHarness(personnelSubgraph);

const CREATE = `mutation ($input: CreateCadreInput!) {
  createCadre(input: $input) {
    cadre { id fullName otherNames personalIdNumber isPartyMember degrees { level field } familyMembers { relation fullName } }
    errors { code reason field message }
  }
}`;

interface CreatePayload {
  createCadre: {
    cadre: {
      id: string;
      fullName: string;
      otherNames: string | null;
      personalIdNumber: string;
      isPartyMember: boolean;
    } | null;
    errors: UserErrorShape[];
  };
}

async function validInput(overrides: Record<string, unknown> = {}) {
  const unit = await createOrgUnit(harness.subgraph.dataSource);
  return {
    fullName: 'Nguyễn Văn An',
    sex: 'MALE',
    dateOfBirth: '1982-04-30',
    ethnicity: 'Kinh',
    personalIdNumber: matchingPersonalId(Sex.MALE, '1982-04-30'),
    category: 'CIVIL_SERVANT',
    orgUnitId: unit.id,
    ...overrides,
  };
}

const countWithPersonalId = (personalIdNumber: string) =>
  harness.subgraph.dataSource.getRepository(Cadre).countBy({ personalIdNumber });

describe('createCadre', () => {
  it('stores the record NFC-normalised, with its details, and records the change', async () => {
    const input = await validInput({
      fullName: '  Lò   Thị Hoa '.normalize('NFD'),
      sex: 'FEMALE',
      dateOfBirth: '1990-09-02',
      personalIdNumber: matchingPersonalId(Sex.FEMALE, '1990-09-02'),
      ethnicity: 'Thái',
      otherNames: 'Ý Hoa'.normalize('NFD'),
      partyAdmissionDate: '2015-05-19',
      partyOfficialDate: '2016-05-19',
      degrees: [{ level: 'BACHELOR', field: 'Luật', institution: 'Đại học Luật Hà Nội', year: 2012 }],
      familyMembers: [{ relation: 'MOTHER', fullName: 'Lường Thị Xuân', birthYear: 1965 }],
    });
    const result = await harness.query<CreatePayload>(CREATE, { input });
    const cadre = result.body.data!.createCadre.cadre!;
    expect(cadre).toMatchObject({ fullName: 'Lò Thị Hoa', otherNames: 'Ý Hoa', isPartyMember: true });
    expect(cadre.fullName).toBe(cadre.fullName.normalize('NFC'));
    const history = await harness.query<{
      changeHistory: { action: string; actor: string; after: { fullName: string } }[];
    }>(`query ($id: ID!) { changeHistory(cadreId: $id) { action actor after } }`, { id: cadre.id });
    expect(history.body.data?.changeHistory).toEqual([
      expect.objectContaining({ action: 'CADRE_CREATED', actor: 'test-admin' }),
    ]);
    expect(history.body.data?.changeHistory[0]?.after.fullName).toBe('Lò Thị Hoa');
  });

  it.each([
    ['an 11-digit personal ID number', { personalIdNumber: '01108012345' }, 'personalIdNumber', 'INVALID_PERSONAL_ID'],
    [
      'a personal ID number with a letter',
      { personalIdNumber: '0110820A2345' },
      'personalIdNumber',
      'INVALID_PERSONAL_ID',
    ],
    [
      'a personal ID number of another birth year',
      { personalIdNumber: '011090123456' },
      'personalIdNumber',
      'PERSONAL_ID_MISMATCH',
    ],
    [
      'a birth date in the future',
      { dateOfBirth: '2099-01-01', personalIdNumber: '011299123456' },
      'dateOfBirth',
      'DATE_IN_FUTURE',
    ],
    ['Party membership before birth', { partyAdmissionDate: '1970-01-01' }, 'partyAdmissionDate', 'BEFORE_BIRTH'],
    [
      'an official date before admission',
      { partyAdmissionDate: '2010-01-01', partyOfficialDate: '2009-01-01' },
      'partyOfficialDate',
      'BEFORE_ADMISSION',
    ],
    ['a grade without its date', { grade: 'SPECIALIST' }, 'gradeSince', 'GRADE_DATE_REQUIRED'],
  ])('refuses %s, naming the field, and writes nothing', async (_case, overrides, field, reason) => {
    const input = await validInput(overrides);
    const result = await harness.query<CreatePayload>(CREATE, { input });
    expect(result.body.data?.createCadre).toEqual({
      cadre: null,
      errors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field, reason })],
    });
    expect(await countWithPersonalId(input.personalIdNumber)).toBe(0);
  });

  it('reports every problem of a form at once', async () => {
    const result = await harness.query<CreatePayload>(CREATE, {
      input: await validInput({ fullName: ' ', email: 'not-an-email', grade: 'SPECIALIST' }),
    });
    expect(result.body.data?.createCadre.errors.map((e) => e.field)).toEqual(['fullName', 'gradeSince', 'email']);
  });

  it.each([
    ['an unknown enum value', { sex: 'OTHER' }],
    ['an impossible date', { dateOfBirth: '1982-02-30' }],
    ['a wrong type', { dateOfBirth: 19820430 }],
  ])('refuses %s in variables with 400 BAD_USER_INPUT', async (_case, overrides) => {
    const input = await validInput(overrides);
    const result = await harness.query(CREATE, { input });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countWithPersonalId(input.personalIdNumber)).toBe(0);
  });

  it('refuses a duplicate personal ID number, even from two simultaneous requests', async () => {
    const input = await validInput();
    const results = await Promise.all([
      harness.query<CreatePayload>(CREATE, { input }),
      harness.query<CreatePayload>(CREATE, { input }),
    ]);
    const payloads = results.map((r) => r.body.data!.createCadre);
    expect(payloads.filter((p) => p.cadre).length).toBe(1);
    expect(payloads.flatMap((p) => p.errors)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', reason: 'DUPLICATE_PERSONAL_ID', field: 'personalIdNumber' }),
    ]);
    expect(await countWithPersonalId(input.personalIdNumber)).toBe(1);
  });

  it('refuses an unknown unit', async () => {
    const result = await harness.query<CreatePayload>(CREATE, { input: await validInput({ orgUnitId: randomUUID() }) });
    expect(result.body.data?.createCadre.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});

describe('updateCadre', () => {
  it('changes only the given fields and keeps before and after in the history', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const result = await harness.query<{ updateCadre: { cadre: { religion: string; fullName: string } } }>(
      `mutation ($id: ID!) { updateCadre(id: $id, input: { religion: "Phật giáo", hometown: "Mường Phăng" }) { cadre { religion fullName } errors { reason } } }`,
      { id: cadre.id },
    );
    expect(result.body.data?.updateCadre.cadre).toEqual({ religion: 'Phật giáo', fullName: cadre.fullName });
    const history = await harness.query<{
      changeHistory: { action: string; before: { religion: string | null }; after: { religion: string } }[];
    }>(`query ($id: ID!) { changeHistory(entityId: $id) { action before after } }`, { id: cadre.id });
    expect(history.body.data?.changeHistory[0]).toMatchObject({
      action: 'CADRE_UPDATED',
      before: { religion: null },
      after: { religion: 'Phật giáo' },
    });
  });

  it('writes the record, its history row and its audit row in one statement, each holding the record as stored', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const result = await harness.query<{ updateCadre: { cadre: { id: string; phone: string; religion: string } } }>(
      `mutation ($id: ID!) { updateCadre(id: $id, input: { phone: "0912 345 678", religion: "Không" }) { cadre { id phone religion } errors { reason } } }`,
      { id: cadre.id },
    );
    expect(result.body.data?.updateCadre.cadre).toEqual({ id: cadre.id, phone: '0912 345 678', religion: 'Không' });
    // The cadre's unit (the access check), BEGIN, the record locked with now(), one statement for
    // the change, its history row and its audit row, COMMIT: the record is not read back.
    expect(result.sqlStatements).toBe(5);
    const stored = await harness.subgraph.dataSource.getRepository(Cadre).findOneByOrFail({ id: cadre.id });
    expect(stored.updatedAt.getTime()).toBeGreaterThan(cadre.updatedAt.getTime());
    const asStored = JSON.parse(JSON.stringify(stored)) as unknown;
    const [history] = await harness.subgraph.dataSource.query<{ after: unknown }[]>(
      `SELECT after FROM change_log WHERE entity_id = $1 AND action = 'CADRE_UPDATED'`,
      [cadre.id],
    );
    expect(history?.after).toEqual(asStored);
    const audits = await harness.subgraph.dataSource.query<{ result: unknown; errors: unknown }[]>(
      `SELECT result, errors FROM mutation_audit WHERE result -> 'updateCadre' ->> 'id' = $1`,
      [cadre.id],
    );
    expect(audits).toEqual([{ result: { updateCadre: asStored }, errors: null }]);
  });

  it('writes neither history nor a committed audit row when the database refuses the change', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const other = await cadreBorn(harness, '1980-01-01', Sex.FEMALE);
    const result = await harness.query<{ updateCadre: { errors: UserErrorShape[] } }>(
      `mutation ($id: ID!, $number: String!) { updateCadre(id: $id, input: { phone: "0912 000 000", personalIdNumber: $number, sex: FEMALE }) { errors { code reason } } }`,
      { id: cadre.id, number: other.personalIdNumber },
    );
    expect(result.body.data?.updateCadre.errors).toEqual([
      expect.objectContaining({ reason: 'DUPLICATE_PERSONAL_ID' }),
    ]);
    const stored = await harness.subgraph.dataSource.getRepository(Cadre).findOneByOrFail({ id: cadre.id });
    expect(stored).toMatchObject({ phone: null, personalIdNumber: cadre.personalIdNumber, sex: Sex.MALE });
    const [{ n } = { n: -1 }] = await harness.subgraph.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM change_log WHERE entity_id = $1 AND action = 'CADRE_UPDATED'`,
      [cadre.id],
    );
    expect(n).toBe(0);
    // One audit row, the refusal's, written after the answer with it: none claims a committed change.
    const audits = await harness.subgraph.dataSource.query<{ result: unknown }[]>(
      `SELECT result FROM mutation_audit WHERE variables ->> 'id' = $1`,
      [cadre.id],
    );
    expect(audits).toEqual([
      { result: { updateCadre: { errors: [{ code: 'CONFLICT', reason: 'DUPLICATE_PERSONAL_ID' }] } } },
    ]);
  });

  it('refuses a change that breaks the record and changes nothing', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const result = await harness.query<{ updateCadre: { errors: UserErrorShape[] } }>(
      `mutation ($id: ID!) { updateCadre(id: $id, input: { dateOfBirth: "1981-01-01" }) { errors { field reason } } }`,
      { id: cadre.id },
    );
    expect(result.body.data?.updateCadre.errors).toEqual([
      { field: 'personalIdNumber', reason: 'PERSONAL_ID_MISMATCH' },
    ]);
    expect((await harness.subgraph.dataSource.getRepository(Cadre).findOneByOrFail({ id: cadre.id })).dateOfBirth).toBe(
      '1980-01-01',
    );
  });

  it('keeps the change history append-only in the database', async () => {
    await expect(
      harness.subgraph.dataSource.query('UPDATE change_log SET actor = $1', ['forger']),
    ).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
    await expect(harness.subgraph.dataSource.query('DELETE FROM change_log')).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
  });
});

describe('cadreByPersonalId', () => {
  it('finds the cadre, and refuses a malformed number', async () => {
    const cadre = await cadreBorn(harness, '1980-01-01');
    const found = await harness.query<{ cadreByPersonalId: { id: string } }>(
      `query ($n: String!) { cadreByPersonalId(personalIdNumber: $n) { id } }`,
      {
        n: cadre.personalIdNumber,
      },
    );
    expect(found.body.data?.cadreByPersonalId.id).toBe(cadre.id);
    const malformed = await harness.query(`{ cadreByPersonalId(personalIdNumber: "12ab") { id } }`);
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personalIdNumber' });
  });
});

interface Page {
  cadres: {
    totalCount: number;
    edges: { node: { id: string; fullName: string; dateOfBirth: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}
const LIST = `query ($filter: CadreFilter, $orderBy: CadreOrder, $first: Int!, $after: String) {
  cadres(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { node { id fullName dateOfBirth } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('search', () => {
  it('ignores case and Vietnamese diacritics', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const names = ['Nguyễn Văn An', 'Đặng Thị Ánh', 'Lò Văn Pọm', 'Giàng A Chứ'];
    const cadres = [];
    for (const fullName of names) {
      const cadre = await cadreBorn(harness, '1980-01-01', Sex.MALE, unit.id);
      await harness.subgraph.dataSource.getRepository(Cadre).update(cadre.id, { fullName });
      cadres.push(cadre);
    }
    const search = async (text: string) => {
      const result = await harness.query<Page>(LIST, { filter: { search: text, orgUnitSubtree: unit.id }, first: 50 });
      return result.body.data!.cadres.edges.map((e) => e.node.fullName);
    };
    expect(await search('nguyen van an')).toEqual(['Nguyễn Văn An']);
    expect(await search('NGUYỄN VĂN')).toEqual(['Nguyễn Văn An']);
    expect(await search('dang thi anh')).toEqual(['Đặng Thị Ánh']);
    expect(await search('van')).toEqual(['Lò Văn Pọm', 'Nguyễn Văn An']);
    expect(await search('chu')).toEqual(['Giàng A Chứ']);
    expect(await search('100%')).toEqual([]);
  });

  it('is served by the trigram index', async () => {
    const plan = await harness.subgraph.dataSource.transaction(async (manager) => {
      // On a small table the planner prefers a scan; forbid it to see that the index applies.
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN SELECT id FROM cadre WHERE search_text LIKE personnel.search_key('%nguyen van%')`);
    });
    expect(JSON.stringify(plan)).toContain('cadre_search_text_idx');
  });
});

describe('filters, order and pages', () => {
  it('filters by unit subtree, sex, ethnicity, age, Party membership and title', async () => {
    const root = await createOrgUnit(harness.subgraph.dataSource);
    const child = await createOrgUnit(harness.subgraph.dataSource, { parentId: root.id, level: OrgUnitLevel.COMMUNE });
    const grandchild = await createOrgUnit(harness.subgraph.dataSource, {
      parentId: child.id,
      level: OrgUnitLevel.COMMUNE,
    });
    const atRoot = await cadreBorn(harness, '1960-05-01', Sex.MALE, root.id);
    const inChild = await cadreBorn(harness, '1990-05-01', Sex.FEMALE, child.id);
    const inGrandchild = await cadreBorn(harness, '2000-05-01', Sex.MALE, grandchild.id);
    await harness.subgraph.dataSource
      .getRepository(Cadre)
      .update(inChild.id, { ethnicity: 'Kinh', partyAdmissionDate: '2015-01-01' });
    // A commune title: a title is held only in units of its level.
    const title = await createTitle(harness.subgraph.dataSource, { level: OrgUnitLevel.COMMUNE });
    const ids = async (filter: Record<string, unknown>) => {
      const result = await harness.query<Page>(LIST, { filter: { orgUnitSubtree: root.id, ...filter }, first: 50 });
      return result.body.data!.cadres.edges.map((e) => e.node.id).sort();
    };
    expect(await ids({})).toEqual([atRoot.id, inChild.id, inGrandchild.id].sort());
    expect(await ids({ orgUnitSubtree: child.id })).toEqual([inChild.id, inGrandchild.id].sort());
    expect(await ids({ sex: 'FEMALE' })).toEqual([inChild.id]);
    expect(await ids({ ethnicMinority: true })).toEqual([atRoot.id, inGrandchild.id].sort());
    expect(await ids({ ethnicity: 'Kinh' })).toEqual([inChild.id]);
    expect(await ids({ partyMember: true })).toEqual([inChild.id]);
    expect(await ids({ minAge: 30, maxAge: 60 })).toEqual([inChild.id]);
    expect(await ids({ maxAge: 29 })).toEqual([inGrandchild.id]);
    expect(await ids({ titleId: title.id })).toEqual([]);
    // Appointing needs the planning subgraph; an acting appointment does not ask it.
    await appoint(harness, {
      cadreId: inGrandchild.id,
      titleId: title.id,
      orgUnitId: grandchild.id,
      kind: 'ACTING',
      effectiveOn: '2026-01-05',
    });
    expect(await ids({ titleId: title.id })).toEqual([inGrandchild.id]);
  });

  it('orders by birth date, newest first, across pages, with the filtered total', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const births = ['1970-01-01', '1990-01-01', '1980-01-01', '1985-01-01', '1975-01-01'];
    for (const born of births) await cadreBorn(harness, born, Sex.MALE, unit.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page: Page = (
        await harness.query<Page>(LIST, {
          filter: { orgUnitSubtree: unit.id },
          orderBy: { field: 'DATE_OF_BIRTH', direction: 'DESC' },
          first: 2,
          after,
        })
      ).body.data!;
      expect(page.cadres.totalCount).toBe(5);
      seen.push(...page.cadres.edges.map((e) => e.node.dateOfBirth));
      if (!page.cadres.pageInfo.hasNextPage) break;
      after = page.cadres.pageInfo.endCursor;
    }
    expect(seen).toEqual([...births].sort().reverse());
  });

  it('orders by personal ID number across pages, for callers who may read the numbers only', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const cadres = await Promise.all(
      ['1970-01-01', '1990-01-01', '1980-01-01', '1985-01-01'].map((born) =>
        cadreBorn(harness, born, Sex.MALE, unit.id),
      ),
    );
    const variables = (after?: string) => ({
      filter: { orgUnitSubtree: unit.id },
      orderBy: { field: 'PERSONAL_ID_NUMBER', direction: 'ASC' },
      first: 3,
      after,
    });
    const first = (await harness.query<Page>(LIST, variables())).body.data!.cadres;
    const second = (await harness.query<Page>(LIST, variables(first.pageInfo.endCursor))).body.data!.cadres;
    const byNumber = [...cadres].sort((a, b) => a.personalIdNumber.localeCompare(b.personalIdNumber));
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(byNumber.map((c) => c.id));
    // Without pii:read the order would reveal the numbers': refused.
    const viewer = { subject: 'viewer', role: Role.VIEWER, agency: null, scopes: [], units: [unit.id] };
    const refused = await harness.query(LIST, variables(), viewer);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a malformed unit id', { orgUnitSubtree: 'x' }, 'filter.orgUnitSubtree'],
    ['an age range upside down', { minAge: 50, maxAge: 40 }, 'filter.minAge'],
  ])('refuses %s', async (_case, filter, field) => {
    const result = await harness.query(LIST, { filter, first: 5 });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('orgUnit', () => {
  it('returns its ancestors, children and cadres', async () => {
    const root = await createOrgUnit(harness.subgraph.dataSource);
    const child = await createOrgUnit(harness.subgraph.dataSource, { parentId: root.id });
    const grandchild = await createOrgUnit(harness.subgraph.dataSource, { parentId: child.id, validTo: '2025-06-30' });
    const member = await cadreBorn(harness, '1980-01-01', Sex.MALE, child.id);
    const result = await harness.query<{ orgUnit: unknown }>(
      `query ($id: ID!) { orgUnit(id: $id) { code ancestors { code } children { code validTo } cadres { id } } }`,
      { id: child.id },
    );
    expect(result.body.data?.orgUnit).toEqual({
      code: child.code,
      ancestors: [{ code: root.code }],
      children: [{ code: grandchild.code, validTo: '2025-06-30' }],
      cadres: [{ id: member.id }],
    });
  });

  it('never moves a unit to another parent', async () => {
    const unit = await createOrgUnit(harness.subgraph.dataSource);
    const other = await createOrgUnit(harness.subgraph.dataSource);
    await expect(
      harness.subgraph.dataSource.query('UPDATE org_unit SET parent_id = $1 WHERE id = $2', [other.id, unit.id]),
    ).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
  });
});
