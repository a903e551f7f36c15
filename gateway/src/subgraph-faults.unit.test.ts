import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { IDENTITY_HEADER, Role, type Identity } from '@cadres/core';
import { coalescingFetcher } from './coalesce';
import type { GatewayContext } from './gateway-context';
import {
  CALL_SIGNAL_HEADER,
  CallAbandonedError,
  SubgraphTimeoutError,
  takeCallSignal,
  withCallSignal,
} from './subgraph-call-signal';
import { IdentityForwardingDataSource } from './subgraph-data-source';
import { failureAnswer } from './subgraph-failure';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * A subgraph that holds each call until released, and records whether the gateway aborted it
 * (the signal the real fetcher would destroy its request on).
 */
function heldSubgraph(answer: (body: string) => unknown = () => ({ data: { a: 1 } })) {
  const calls: { body: string; signal: AbortSignal | undefined; headers: Record<string, string> }[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetcher = (async (_url: string, init: { body: string; headers: Record<string, string> }) => {
    // As the real fetcher does.
    const signal = takeCallSignal(init);
    calls.push({ body: init.body, signal, headers: init.headers });
    await Promise.race([
      released,
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error))),
    ]);
    const text = JSON.stringify(answer(init.body));
    // Shaped as the gateway's own fetcher answers (a plain object whose headers can be replaced).
    return {
      ok: true,
      status: 200,
      statusText: 'OK',
      url: '',
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
    };
  }) as unknown as Fetcher;
  return { calls, release: () => release(), fetcher };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced calls and clients that go away', () => {
  const init = { method: 'POST', headers: { [IDENTITY_HEADER]: 'signed-admin' }, body: '{"query":"query A { a }"}' };

  it('answers the follower when the leader goes away, without aborting the shared call', async () => {
    const subgraph = heldSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const [leaderGone, follower] = [new AbortController(), new AbortController()];
    const leading = fetch('http://personnel/graphql', withCallSignal(init, leaderGone.signal));
    const following = fetch('http://personnel/graphql', withCallSignal(init, follower.signal));
    leaderGone.abort(new CallAbandonedError());
    await expect(leading).rejects.toBeInstanceOf(CallAbandonedError);
    expect(subgraph.calls[0]?.signal?.aborted).toBe(false);
    // The mark that carries the signal never leaves the gateway.
    expect(subgraph.calls[0]?.headers[CALL_SIGNAL_HEADER]).toBeUndefined();
    subgraph.release();
    expect(await (await following).json()).toEqual({ data: { a: 1 } });
    expect(subgraph.calls).toHaveLength(1);
  });

  it('aborts the shared call once every caller has gone, and a new caller gets a call of its own', async () => {
    const subgraph = heldSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const [one, two] = [new AbortController(), new AbortController()];
    const calls = [
      fetch('http://personnel/graphql', withCallSignal(init, one.signal)),
      fetch('http://personnel/graphql', withCallSignal(init, two.signal)),
    ];
    one.abort(new CallAbandonedError());
    two.abort(new CallAbandonedError());
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(CallAbandonedError);
    expect(subgraph.calls[0]?.signal?.aborted).toBe(true);
    const later = fetch('http://personnel/graphql', init);
    await nextTurn();
    expect(subgraph.calls).toHaveLength(2);
    subgraph.release();
    await later;
  });
});

describe('IdentityForwardingDataSource, failures', () => {
  const QUERY =
    'query Dossier__training__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cadre { trainingHistory { status } politicalTheoryLevel } } }';
  const admin: Identity = { subject: 'a', role: Role.ADMIN, agency: null, scopes: [], units: null };
  const entities = (body: string) => ({
    data: {
      _entities: (JSON.parse(body) as { variables: { representations: unknown[] } }).variables.representations.map(
        () => ({ trainingHistory: [] }),
      ),
    },
  });

  const fetchOf = (source: IdentityForwardingDataSource, ids: string[], signal?: AbortSignal, query = QUERY) => {
    const context: GatewayContext = { requestId: 'r', identity: admin, sqlStatements: 0, abortSignal: signal };
    const options = {
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query, variables: { representations: ids.map((id) => ({ __typename: 'Cadre', id })) } },
      context,
      incomingRequestContext: { context },
    } as unknown as Options;
    return source.process(options);
  };
  const sourceWith = (fetcher: Fetcher) =>
    new IdentityForwardingDataSource('http://10.1.2.3:4002/graphql', async () => 'signed', fetcher, true, 'training');

  it('answers a failed entity call with an error per entity and field, with paths, code and service, and no URL', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:4002'), { code: 'ECONNREFUSED' });
    const source = sourceWith(async () => Promise.reject(refused));
    const answer = await fetchOf(source, ['c1', 'c2']);
    expect(answer.data).toBeUndefined();
    const extensions = { code: 'SUBGRAPH_UNAVAILABLE', service: 'training' };
    const message = 'The training service is unavailable; this part of the answer is missing.';
    expect(answer.errors).toEqual([
      { message, path: ['_entities', 0, 'trainingHistory'], extensions },
      { message, path: ['_entities', 0, 'politicalTheoryLevel'], extensions },
      { message, path: ['_entities', 1, 'trainingHistory'], extensions },
      { message, path: ['_entities', 1, 'politicalTheoryLevel'], extensions },
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/10\.1\.2\.3|ECONN/);
  });

  it('maps a 401 (an identity header the subgraph refused) to SUBGRAPH_UNAVAILABLE, its body left out', async () => {
    const source = sourceWith(
      async () =>
        new Response(JSON.stringify({ errors: [{ message: 'expired', extensions: { url: 'http://10.1.2.3' } }] }), {
          status: 401,
          statusText: 'Unauthorized',
        }),
    );
    const answer = await fetchOf(source, ['c1']);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE']);
    expect(JSON.stringify(answer)).not.toMatch(/10\.1\.2\.3|expired|Unauthorized|401/);
  });

  it('passes a subgraph’s 400 for a value it refuses on as BAD_USER_INPUT with its message, at the fields’ paths', async () => {
    // What a subgraph answers to a LocalDate literal it cannot parse (GraphQL validation, status 400).
    const refusal = {
      errors: [
        {
          message: 'Expected value of type "LocalDate", found "30/04/2023"; Value is not a valid LocalDate: 30/04/2023',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    };
    const source = sourceWith(
      async () =>
        new Response(JSON.stringify(refusal), {
          status: 400,
          statusText: 'Bad Request',
          headers: { 'content-type': 'application/json' },
        }),
    );
    const answer = await fetchOf(source, ['c1']);
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0, 'trainingHistory'], 'BAD_USER_INPUT'],
      [['_entities', 0, 'politicalTheoryLevel'], 'BAD_USER_INPUT'],
    ]);
    expect(answer.errors?.[0]?.message).toBe(
      `The training service refused a value of this request: ${refusal.errors[0]?.message}`,
    );
  });

  it('keeps a 400 without such a code (or a 500) SUBGRAPH_UNAVAILABLE', async () => {
    for (const [status, body] of [
      [400, { errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }],
      [500, { errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] }],
    ] as const) {
      const source = sourceWith(
        async () =>
          new Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
      );
      expect((await fetchOf(source, ['c1'])).errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    }
  });

  it('maps a timeout to SUBGRAPH_TIMEOUT, and a root call to the paths of its root fields', () => {
    const answer = failureAnswer(new SubgraphTimeoutError(100), 'personnel', {
      query: 'query Q__personnel__0($id: ID!) { cadre(id: $id) { id } other: titles { id } }',
    });
    expect(answer.errors).toEqual([
      {
        message: 'The personnel service did not answer in time; this part of the answer is missing.',
        path: ['cadre'],
        extensions: { code: 'SUBGRAPH_TIMEOUT', service: 'personnel' },
      },
      {
        message: 'The personnel service did not answer in time; this part of the answer is missing.',
        path: ['other'],
        extensions: { code: 'SUBGRAPH_TIMEOUT', service: 'personnel' },
      },
    ]);
  });

  it('tells a mutation refused at connection that nothing was changed, and one cut afterwards that the outcome is unknown', () => {
    const mutation = { query: 'mutation M__training__0 { createProvider(input: {code: "X"}) { provider { id } } }' };
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(failureAnswer(refused, 'training', mutation).errors[0]?.message).toBe(
      'The training service is unavailable; the change was not made.',
    );
    expect(failureAnswer(reset, 'training', mutation).errors[0]?.message).toBe(
      'The training service is unavailable; whether the change was made is unknown: check before trying again.',
    );
    expect(failureAnswer(new SubgraphTimeoutError(5), 'training', mutation).errors[0]).toMatchObject({
      path: ['createProvider'],
      extensions: { code: 'SUBGRAPH_TIMEOUT' },
    });
  });

  it('treats an answer of the wrong shape as unavailable', async () => {
    const source = sourceWith(async () => new Response('{"data":{"_entities":[]}}', { status: 200 }));
    expect((await fetchOf(source, ['c1'])).errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      service: 'training',
    });
  });

  it('goes on with a batched call when one of its operations is abandoned, and aborts it when all are', async () => {
    const subgraph = heldSubgraph(entities);
    const source = sourceWith(subgraph.fetcher);
    const [gone, staying] = [new AbortController(), new AbortController()];
    const answers = [fetchOf(source, ['c1'], gone.signal), fetchOf(source, ['c2'], staying.signal)];
    while (subgraph.calls.length === 0) await nextTurn();
    expect(subgraph.calls).toHaveLength(1);
    gone.abort(new CallAbandonedError());
    await answers[0];
    expect(subgraph.calls[0]?.signal?.aborted).toBe(false);
    subgraph.release();
    expect((await answers[1])?.data).toEqual({ _entities: [{ trainingHistory: [] }] });

    const again = heldSubgraph(entities);
    const other = sourceWith(again.fetcher);
    const both = [new AbortController(), new AbortController()];
    const abandoned = both.map((controller, i) => fetchOf(other, [`c${i}`], controller.signal));
    while (again.calls.length === 0) await nextTurn();
    for (const controller of both) controller.abort(new CallAbandonedError());
    await Promise.all(abandoned);
    expect(again.calls[0]?.signal?.aborted).toBe(true);
  });
});
