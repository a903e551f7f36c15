import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { DEV_INTERNAL_SIGNING_SECRET, IDENTITY_HEADER, Role, signIdentity } from '@cadres/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coalescingFetcher } from './coalesce';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** A subgraph that answers after the test lets it, counting its calls. */
function slowSubgraph() {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetcher = (async (_url: string, init?: { body?: string }) => {
    calls.push(init?.body ?? '');
    await released;
    const body = JSON.stringify({ data: { n: calls.length } });
    return {
      ok: true,
      status: 200,
      headers: new Headers({ 'x-sql-statements': '3' }),
      text: async () => body,
      json: async () => JSON.parse(body),
    };
  }) as unknown as Fetcher;
  return { calls, release, fetcher };
}

const init = (query: string, identity = 'signed-identity-a') => ({
  method: 'POST',
  headers: { [IDENTITY_HEADER]: identity, 'x-request-id': String(Math.random()) },
  body: JSON.stringify({ query, variables: { id: 1 } }),
});

describe('coalescingFetcher', () => {
  it('sends identical queries in flight once; the follower parses its own copy and reports no SQL', async () => {
    const subgraph = slowSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const leader = fetch('http://personnel/graphql', init('query A { a }'));
    const follower = fetch('http://personnel/graphql', init('query A { a }'));
    subgraph.release();
    const [a, b] = await Promise.all([leader, follower]);
    expect(subgraph.calls).toHaveLength(1);
    const [dataA, dataB] = [await a.json(), await b.json()];
    expect(dataB).toEqual(dataA);
    expect(dataB).not.toBe(dataA);
    expect(a.headers.get('x-sql-statements')).toBe('3');
    expect(b.headers.get('x-sql-statements')).toBe('0');
  });

  it('never shares across identities, across subgraphs, or a mutation', async () => {
    const subgraph = slowSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const calls = [
      fetch('http://personnel/graphql', init('query A { a }', 'identity-a')),
      fetch('http://personnel/graphql', init('query A { a }', 'identity-b')),
      fetch('http://training/graphql', init('query A { a }', 'identity-a')),
      fetch('http://personnel/graphql', init('mutation M { m }')),
      fetch('http://personnel/graphql', init('mutation M { m }')),
    ];
    subgraph.release();
    await Promise.all(calls);
    expect(subgraph.calls).toHaveLength(5);
  });

  it("never shares a partner's reads, which subgraphs audit per request", async () => {
    const subgraph = slowSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const sign = (role: Role) =>
      signIdentity(
        { subject: 's', role, agency: role === Role.PARTNER ? 'Sở Y tế' : null, scopes: [], unitRoots: ['u'] },
        DEV_INTERNAL_SIGNING_SECRET,
      );
    const [partner, viewer] = [await sign(Role.PARTNER), await sign(Role.VIEWER)];
    const calls = [partner, partner, viewer, viewer].map((identity) =>
      fetch('http://personnel/graphql', init('query A { a }', identity)),
    );
    subgraph.release();
    await Promise.all(calls);
    expect(subgraph.calls).toHaveLength(3);
  });

  it('calls again once the first call has answered', async () => {
    const subgraph = slowSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    subgraph.release();
    await fetch('http://personnel/graphql', init('{ a }'));
    await fetch('http://personnel/graphql', init('{ a }'));
    expect(subgraph.calls).toHaveLength(2);
  });

  it("shares one call among callers whatever the fetcher: Node's own fetch, on a real HTTP subgraph", async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = createServer((req, res) => {
      calls += 1;
      req.resume();
      void released.then(() =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': '2' })
          .end(JSON.stringify({ data: { a: 1 } })),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const fetch = coalescingFetcher(globalThis.fetch);
      const pending = [
        fetch(url, init('query A { a }')),
        fetch(url, init('query A { a }')),
        fetch(url, init('query A { a }')),
      ];
      // The followers joined the leader's call, which waits for the subgraph until it is released.
      release();
      const answers = await Promise.all(pending);
      expect(calls).toBe(1);
      for (const answer of answers) expect(await answer.json()).toEqual({ data: { a: 1 } });
      expect(answers.map((a) => a.headers.get('x-sql-statements'))).toEqual(['2', '0', '0']);
    } finally {
      server.close();
    }
  });

  it('keys on the request, not on the order its body lists fields and variables in', async () => {
    const subgraph = slowSubgraph();
    const fetch = coalescingFetcher(subgraph.fetcher);
    const headers = { [IDENTITY_HEADER]: 'signed-identity-a' };
    const calls = [
      fetch('http://personnel/graphql', {
        method: 'POST',
        headers: { ...headers },
        body: JSON.stringify({ query: 'query A($a: Int, $b: Int) { a }', variables: { a: 1, b: 2 } }),
      }),
      fetch('http://personnel/graphql', {
        method: 'POST',
        headers: { ...headers },
        body: JSON.stringify({ variables: { b: 2, a: 1 }, query: 'query A($a: Int, $b: Int) { a }' }),
      }),
      fetch('http://personnel/graphql', {
        method: 'POST',
        headers: { ...headers },
        body: JSON.stringify({ variables: { b: 3, a: 1 }, query: 'query A($a: Int, $b: Int) { a }' }),
      }),
    ];
    subgraph.release();
    await Promise.all(calls);
    expect(subgraph.calls).toHaveLength(2);
  });
});
