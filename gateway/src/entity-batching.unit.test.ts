import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { Role, type Identity } from '@cadres/core';
import { EntityBatches, MAX_BATCH_REPRESENTATIONS, shareOut, splitEntitiesResponse } from './entity-batching';
import type { GatewayContext } from './gateway-context';
import { IdentityForwardingDataSource } from './subgraph-data-source';

const cadre = (id: string) => ({ __typename: 'Cadre', id });

describe('splitEntitiesResponse', () => {
  it('gives each fetch its slice of _entities and the errors inside it, renumbered; errors about no entity of the batch go to all', () => {
    const response = {
      data: { _entities: [{ id: 'a' }, null, { id: 'c' }, { id: 'd' }] },
      errors: [
        { message: 'not found', path: ['_entities', 1] },
        { message: 'hidden field', path: ['_entities', 3, 'phone'] },
        { message: 'overall' },
        { message: 'out of range', path: ['_entities', 9] },
      ],
    };
    const [first, second] = splitEntitiesResponse(response, [2, 2]);
    expect(first).toEqual({
      data: { _entities: [{ id: 'a' }, null] },
      errors: [
        { message: 'not found', path: ['_entities', 1] },
        { message: 'overall' },
        { message: 'out of range', path: ['_entities', 9] },
      ],
    });
    expect(second).toEqual({
      data: { _entities: [{ id: 'c' }, { id: 'd' }] },
      errors: [
        { message: 'hidden field', path: ['_entities', 1, 'phone'] },
        { message: 'overall' },
        { message: 'out of range', path: ['_entities', 9] },
      ],
    });
  });

  it('leaves a fetch with no errors of its own without errors', () => {
    const [first] = splitEntitiesResponse(
      { data: { _entities: [{ id: 'a' }, { id: 'b' }] }, errors: [{ message: 'x', path: ['_entities', 1] }] },
      [1, 1],
    );
    expect(first).toBeDefined();
    expect(first?.errors).toBeUndefined();
  });

  it('gives an answer of the wrong shape (a failed call) to every fetch as it is', () => {
    const failed: { data: null; errors: { message: string; path?: string[] }[] } = {
      data: null,
      errors: [{ message: 'subgraph down' }],
    };
    expect(splitEntitiesResponse(failed, [1, 3])).toEqual([failed, failed]);
    const short = { data: { _entities: [{ id: 'a' }] } };
    expect(splitEntitiesResponse(short, [1, 1])).toEqual([short, short]);
  });
});

describe('shareOut', () => {
  it('shares whole statements in proportion, adding up to the total', () => {
    expect(shareOut(6, [1, 1, 1])).toEqual([2, 2, 2]);
    expect(shareOut(5, [1, 1, 1])).toEqual([2, 2, 1]);
    expect(shareOut(3, [10, 1, 1])).toEqual([3, 0, 0]);
    expect(shareOut(0, [2, 2])).toEqual([0, 0]);
    expect(shareOut(4, [0, 0])).toEqual([4, 0]);
  });
});

describe('EntityBatches', () => {
  it('gathers fetches of one key ready in the same turn, and no others', async () => {
    const sent: string[][] = [];
    const batches = new EntityBatches<string, string>((batch) => {
      sent.push(batch.map((f) => f.fetch));
      for (const f of batch) f.resolve(`answer to ${f.fetch}`);
    });
    const sameTurn = [batches.add('k', 'a', [1]), batches.add('k', 'b', [2]), batches.add('other', 'c', [3])];
    expect(await Promise.all(sameTurn)).toEqual(['answer to a', 'answer to b', 'answer to c']);
    await batches.add('k', 'd', [4]);
    expect(sent).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it(`starts another batch beyond ${MAX_BATCH_REPRESENTATIONS} representations`, async () => {
    const sent: number[] = [];
    const batches = new EntityBatches<string, void>((batch) => {
      sent.push(batch.reduce((sum, f) => sum + f.representations.length, 0));
      for (const f of batch) f.resolve();
    });
    const many = new Array(MAX_BATCH_REPRESENTATIONS - 10).fill(0);
    await Promise.all([
      batches.add('k', 'a', many),
      batches.add('k', 'b', new Array(20).fill(0)),
      batches.add('k', 'c', [0]),
    ]);
    expect(sent).toEqual([MAX_BATCH_REPRESENTATIONS - 10, 21]);
  });
});

describe('IdentityForwardingDataSource, batching', () => {
  const QUERY =
    'query Dossier__training__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cadre { trainingHistory { status } } } }';
  const admin: Identity = { subject: 'a', role: Role.ADMIN, agency: null, scopes: [], units: null };
  const partner: Identity = { subject: 'p', role: Role.PARTNER, agency: 'Sở Y tế', scopes: [], units: null };

  /** A subgraph that answers each representation with its id, reporting 4 SQL statements a call. */
  function subgraph() {
    const calls: {
      representations: { id: string }[];
      requestId: string | null;
      batchedRequestIds?: string;
      readPrimary?: string;
    }[] = [];
    const fetcher = (async (_url: string, init: { body: string; headers: Record<string, string> }) => {
      const { variables } = JSON.parse(init.body) as { variables: { representations: { id: string }[] } };
      const headers = new Headers(init.headers);
      calls.push({
        representations: variables.representations,
        requestId: headers.get('x-request-id'),
        ...(headers.has('x-batched-request-ids') && { batchedRequestIds: headers.get('x-batched-request-ids')! }),
        ...(headers.has('x-read-primary') && { readPrimary: headers.get('x-read-primary')! }),
      });
      const body = JSON.stringify({
        data: {
          _entities: variables.representations.map((r) =>
            r.id === 'missing' ? null : { trainingHistory: [{ status: `of ${r.id}` }] },
          ),
        },
        errors: variables.representations.flatMap((r, i) =>
          r.id === 'missing' ? [{ message: 'no such cadre', path: ['_entities', i] }] : [],
        ),
      });
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-sql-statements': '4' },
      });
    }) as unknown as RemoteGraphQLDataSource['fetcher'];
    return {
      calls,
      source: new IdentityForwardingDataSource(
        'http://training/graphql',
        async (identity) => `signed:${identity.subject}`,
        fetcher,
      ),
    };
  }

  type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
  const fetchOf = (
    source: IdentityForwardingDataSource,
    ids: string[],
    identity: Identity,
    requestId: string,
    adjust = (options: Options) => options,
  ) => {
    const context: GatewayContext = { requestId, identity, sqlStatements: 0 };
    const options = {
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: QUERY, variables: { representations: ids.map(cadre) } },
      context,
      incomingRequestContext: { context },
    } as unknown as Options;
    return source.process(adjust(options)).then((response) => ({ response, context }));
  };

  it("sends concurrent operations' fetches as one call and gives each its own answer, errors and SQL share", async () => {
    const { calls, source } = subgraph();
    const [one, two] = await Promise.all([
      fetchOf(source, ['c1', 'c2'], admin, 'r1'),
      fetchOf(source, ['c2', 'missing'], admin, 'r2'),
    ]);
    // One call, each distinct cadre once, under the first operation's request id, naming the other's.
    expect(calls).toEqual([
      { representations: [cadre('c1'), cadre('c2'), cadre('missing')], requestId: 'r1', batchedRequestIds: 'r2' },
    ]);
    expect(one.response.data).toEqual({
      _entities: [{ trainingHistory: [{ status: 'of c1' }] }, { trainingHistory: [{ status: 'of c2' }] }],
    });
    expect(one.response.errors).toBeUndefined();
    expect(two.response.data).toEqual({ _entities: [{ trainingHistory: [{ status: 'of c2' }] }, null] });
    expect(two.response.errors).toEqual([
      expect.objectContaining({ message: 'no such cadre', path: ['_entities', 1] }),
    ]);
    // The copy of c2 each got is its own: the gateway merges entities into each response in place.
    expect(one.response.data!._entities[1]).not.toBe(two.response.data!._entities[0]);
    expect(one.context.sqlStatements + two.context.sqlStatements).toBe(4);
  });

  it("never batches different identities, nor a partner's reads (audited per request)", async () => {
    const { calls, source } = subgraph();
    const other: Identity = { ...admin, subject: 'b' };
    await Promise.all([
      fetchOf(source, ['c1'], admin, 'r1'),
      fetchOf(source, ['c2'], other, 'r2'),
      fetchOf(source, ['c3'], partner, 'r3'),
      fetchOf(source, ['c4'], partner, 'r4'),
    ]);
    expect(calls.map((c) => c.requestId).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it("reads a mutation's fetches from the primary (x-read-primary) and never batches them with reads", async () => {
    const { calls, source } = subgraph();
    const asMutation = (options: Options) =>
      ({
        ...options,
        incomingRequestContext: {
          ...(options as { incomingRequestContext: object }).incomingRequestContext,
          operation: { operation: 'mutation' },
        },
      }) as unknown as Options;
    await Promise.all([
      fetchOf(source, ['c1'], admin, 'r1'),
      fetchOf(source, ['c2'], admin, 'r2', asMutation),
      fetchOf(source, ['c3'], admin, 'r3'),
    ]);
    expect(calls).toEqual(
      expect.arrayContaining([
        { representations: [cadre('c1'), cadre('c3')], requestId: 'r1', batchedRequestIds: 'r3' },
        { representations: [cadre('c2')], requestId: 'r2', readPrimary: '1' },
      ]),
    );
    expect(calls).toHaveLength(2);
  });

  it('never batches fetches whose other variables differ', async () => {
    const { calls, source } = subgraph();
    const withYear = (year: number) => (options: Options) => ({
      ...options,
      request: { ...options.request, variables: { ...options.request.variables, year } },
    });
    await Promise.all([
      fetchOf(source, ['c1'], admin, 'r1', withYear(2024)),
      fetchOf(source, ['c2'], admin, 'r2', withYear(2025)),
      fetchOf(source, ['c3'], admin, 'r3', withYear(2025)),
    ]);
    expect(calls.map((c) => c.representations.length).sort()).toEqual([1, 2]);
  });

  it('sends a lone fetch as it came, its SQL all its own', async () => {
    const { calls, source } = subgraph();
    const alone = await fetchOf(source, ['c1', 'c1'], admin, 'r1');
    expect(calls).toEqual([{ representations: [cadre('c1')], requestId: 'r1' }]);
    expect(alone.response.data!._entities).toHaveLength(2);
    expect(alone.context.sqlStatements).toBe(4);
  });
});
