import '../support/apollo-dev-mode';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { demoKeys, Role } from '@cadres/core';
import {
  buildClientSchema,
  getIntrospectionQuery,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { createCache } from '../support/client-cache';
import { CLIENT_CADRE_PAGE, CLIENT_DOSSIER } from '../support/client-queries';
import { startE2EPlatform, token, type E2EPlatform } from '../support/platform';

/**
 * A client author's view (README, "Using the API"): Apollo Client 4 with the committed
 * possibleTypes and the README's type policies, against the real gateway, reads the README's
 * dossier and two pages of cadres and must log no cache warning and read everything back from
 * its cache. The same operations in a cache without that configuration warn and lose data,
 * which shows the warnings are captured and the configuration is what silences them.
 */

let platform: E2EPlatform;
let bearer: string;
let schema: GraphQLSchema;
let logged: string[] = [];
let requests: { operationName: string; persisted: boolean; hasQuery: boolean }[] = [];
/** Where Apollo Client's invariant logging goes: all captured, none printed. */
const consoleMethods = ['warn', 'error', 'log', 'info', 'debug'] as const;

interface PageData {
  cadres: {
    edges: {
      cursor: string;
      node: { id: string; planningHistory: { id: string; standardsGap: { meetsStandard: boolean } | null }[] | null };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface DossierData {
  cadre: {
    id: string;
    fullName: string;
    planningHistory: { id: string; standardsGap: { lacking: unknown[] } | null }[] | null;
    careerHistory: { __typename: string; id: string }[];
  };
}

const DOSSIER = gql(CLIENT_DOSSIER);
const PAGE = gql(CLIENT_CADRE_PAGE);
const CADRE_ID = demoKeys.cadreId(1);
/** Ban Tổ chức Tỉnh ủy and its divisions. */
const FILTER = { orgUnitSubtree: demoKeys.orgUnitId('DB-BTC') };

function client(cache: InMemoryCache): ApolloClient {
  // What goes on the wire, to see the persisted-query exchange and reads served from the cache.
  const recordingFetch: typeof fetch = async (input, init) => {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      operationName: string;
      query?: string;
      extensions?: { persistedQuery?: unknown };
    };
    requests.push({
      operationName: body.operationName,
      persisted: body.extensions?.persistedQuery !== undefined,
      hasQuery: body.query !== undefined,
    });
    return fetch(input, init);
  };
  const sha256 = (query: string): string => createHash('sha256').update(query).digest('hex');
  return new ApolloClient({
    link: ApolloLink.from([
      new PersistedQueryLink({ sha256 }),
      new HttpLink({ uri: platform.graphqlUrl, fetch: recordingFetch, headers: { authorization: `Bearer ${bearer}` } }),
    ]),
    cache,
  });
}

/**
 * The README's order of work for a dashboard: a dossier opened (Lò Văn Minh's: career, training,
 * two planning entries with their standards gaps), then his unit's list, page by page (at least
 * two) until he is on it.
 */
async function dossierThenPages(apollo: ApolloClient): Promise<{ dossier: DossierData; pages: PageData[] }> {
  const dossier = await apollo.query<DossierData>({ query: DOSSIER, variables: { id: CADRE_ID } });
  const pages: PageData[] = [];
  let after: string | null = null;
  for (;;) {
    // The pages share one cache field (the policy's key is the filter and the order), so a next
    // page must go to the network, as `fetchMore` does; its answer is merged after what is there.
    const result = await apollo.query<PageData>({
      query: PAGE,
      variables: { first: 20, after, filter: FILTER },
      fetchPolicy: after ? 'network-only' : 'cache-first',
    });
    const page: PageData = result.data!;
    pages.push(page);
    const { hasNextPage, endCursor } = page.cadres.pageInfo;
    if (!hasNextPage || (pages.length >= 2 && page.cadres.edges.some(({ node }) => node.id === CADRE_ID))) break;
    after = endCursor;
  }
  return { dossier: dossier.data!, pages };
}

/** Selection sets on an object type that has an `id` but is not asked for it. */
function objectsWithoutId(document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const missing: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node) {
        // The type the selections are made on: a field's type, a fragment's type condition.
        const target = typeInfo.getParentType();
        if (!target || !isObjectType(target) || !target.getFields().id) return;
        if (
          !node.selections.some(
            (selection) => selection.kind === 'Field' && selection.name.value === 'id' && !selection.alias,
          )
        )
          missing.push(target.name);
      },
    }),
  );
  return missing;
}

beforeAll(async () => {
  platform = await startE2EPlatform();
  bearer = await token({ role: Role.ADMIN });
  const introspection = await platform.query<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.body.data!);
  loadDevMessages();
  loadErrorMessages();
}, 180_000);

afterAll(() => platform?.stop());

beforeEach(() => {
  logged = [];
  requests = [];
  for (const name of consoleMethods) {
    jest.spyOn(globalThis.console, name).mockImplementation((...args: unknown[]) => {
      logged.push(`${name}: ${format(...args)}`);
    });
  }
});

afterEach(() => jest.restoreAllMocks());

describe('Apollo Client 4 against the gateway, with the committed possibleTypes and the README type policies', () => {
  it("the README's client operations select id on every object that has one, and the README shows them as they are", () => {
    for (const operation of [CLIENT_DOSSIER, CLIENT_CADRE_PAGE]) {
      expect(objectsWithoutId(parse(operation))).toEqual([]);
    }
    // The check sees a missing id (here the planned title's).
    expect(objectsWithoutId(parse(CLIENT_DOSSIER.replace('title { id name }\n', 'title { name }\n')))).toEqual([
      'Title',
    ]);
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(CLIENT_DOSSIER);
    expect(readme).toContain(CLIENT_CADRE_PAGE);
    // The dossier of the README's curl example too.
    const curlDossier = /\{ "query": "(query Dossier\(.*?)",\n/.exec(readme)?.[1];
    expect(curlDossier).toBeDefined();
    expect(objectsWithoutId(parse(curlDossier!))).toEqual([]);
  });

  it('reads a dossier and two pages of cadres with no cache warning, then answers both from the cache alone', async () => {
    const apollo = client(createCache());
    const { dossier, pages } = await dossierThenPages(apollo);

    expect(logged).toEqual([]);
    expect(dossier.cadre.id).toBe(CADRE_ID);
    expect(dossier.cadre.careerHistory.map(({ __typename }) => __typename)).toEqual([
      'Assignment',
      'Assignment',
      'Mobility',
      'Assignment',
    ]);
    expect(dossier.cadre.planningHistory!.filter((entry) => entry.standardsGap !== null).length).toBeGreaterThan(0);
    // The connection policy joins the pages into one list for the filter: every page, in order, him included.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const fetchedIds = [...new Set(pages.flatMap((page) => page.cadres.edges.map(({ node }) => node.id)))];
    const merged = apollo.readQuery<PageData>({ query: PAGE, variables: { first: 20, filter: FILTER } });
    expect(merged!.cadres.edges.map(({ node }) => node.id)).toEqual(fetchedIds);
    expect(fetchedIds).toContain(CADRE_ID);
    expect(fetchedIds.length).toBeGreaterThan(20);
    process.stdout.write(
      `Apollo Client 4: dossier + ${pages.length} pages, ${fetchedIds.length} cadres in the cache's list, ${requests.length} HTTP requests, ${logged.length} console messages\n`,
    );

    // Everything reads back whole from the cache, the dossier's standards gap included after the
    // pages asked fewer of its fields: no request leaves.
    const sent = requests.length;
    const cachedDossier = await apollo.query<DossierData>({
      query: DOSSIER,
      variables: { id: CADRE_ID },
      fetchPolicy: 'cache-only',
    });
    expect(cachedDossier.data).toEqual(dossier);
    expect(apollo.readQuery({ query: DOSSIER, variables: { id: CADRE_ID } })).toEqual(dossier);
    expect(
      apollo.readQuery({
        query: PAGE,
        variables: { first: 20, after: pages[0]?.cadres.pageInfo.endCursor, filter: FILTER },
      }),
    ).toEqual(merged);
    expect(requests.length).toBe(sent);
    expect(logged).toEqual([]);

    // One entity per object: the cadre of the dossier and of the page is one cache entry.
    const extracted = apollo.cache.extract() as Record<string, unknown>;
    expect(Object.keys(extracted).filter((key) => key === `Cadre:${CADRE_ID}`)).toHaveLength(1);
    expect(Object.keys(extracted).some((key) => key.startsWith('RuleSet:'))).toBe(true);

    // Automatic persisted queries: each operation went first by its hash alone, then (unknown to
    // the gateway) with its text; a second client's same dossier goes by hash and is answered.
    expect(
      requests
        .filter((request) => request.operationName === 'CadreDossier')
        .map(({ persisted, hasQuery }) => ({ persisted, hasQuery })),
    ).toEqual([
      { persisted: true, hasQuery: false },
      { persisted: true, hasQuery: true },
    ]);
    requests = [];
    const again = await client(createCache()).query<DossierData>({ query: DOSSIER, variables: { id: CADRE_ID } });
    expect(again.data).toEqual(dossier);
    expect(requests).toEqual([{ operationName: 'CadreDossier', persisted: true, hasQuery: false }]);
    expect(logged).toEqual([]);
  });

  it('without them the same reads warn of lost cache data and the dossier no longer reads back whole', async () => {
    const apollo = client(new InMemoryCache());
    const { dossier } = await dossierThenPages(apollo);

    expect(logged).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^warn: .*Cache data may be lost when replacing the standardsGap field of a PlanningEntry object/s,
        ),
      ]),
    );
    const cached = apollo.readQuery<DossierData>({ query: DOSSIER, variables: { id: CADRE_ID } });
    expect(cached).not.toEqual(dossier);
  });
});
