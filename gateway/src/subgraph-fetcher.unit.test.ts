import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_SIGNAL_HEADER, CallAbandonedError, SubgraphTimeoutError, withCallSignal } from './subgraph-call-signal';
import { createSubgraphFetcher } from './subgraph-fetcher';

describe('subgraph fetcher', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  const received: { method?: string; headers: Record<string, unknown>; body: string }[] = [];
  /** Answers that never finish; the test sees whether the gateway side gave up on them. */
  const stalled: import('node:http').ServerResponse[] = [];
  const closedByClient = (res: import('node:http').ServerResponse) =>
    new Promise<void>((resolve) => (res.socket?.destroyed ? resolve() : res.once('close', () => resolve())));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        if (req.url === '/stall') return void stalled.push(res);
        if (req.url === '/stall-midway')
          return void (res.writeHead(200, { 'content-type': 'application/json' }).write('{"data":'), stalled.push(res));
        if (req.url === '/cut-midway')
          return void (
            res.writeHead(200, { 'content-type': 'application/json' }).write('{"data":'),
            res.socket?.destroy()
          );
        if (req.url === '/broken')
          return void res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/plain' }).end('upstream down');
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': '3' })
          .end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('posts the body and headers, and answers with status, headers and JSON', async () => {
    const fetcher = createSubgraphFetcher();
    const response = await fetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cadres-identity': 'signed' },
      body: '{"query":"{ a }"}',
    });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      headers: { 'x-cadres-identity': 'signed' },
      body: '{"query":"{ a }"}',
    });
    expect([
      response.ok,
      response.status,
      response.headers.get('Content-Type'),
      response.headers.get('x-sql-statements'),
    ]).toEqual([true, 200, 'application/json', '3']);
    expect(await response.json()).toEqual({ data: { echo: { query: '{ a }' } } });
  });

  it('keeps the connection alive between calls', async () => {
    const fetcher = createSubgraphFetcher();
    const before = connections;
    for (let i = 0; i < 5; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
    expect(connections - before).toBe(1);
  });

  it('closes an idle connection before the server does (no ECONNRESET from reusing a closing socket)', async () => {
    // The server announces `Keep-Alive: timeout=2`: the agent closes idle sockets after 1 s. Awaited,
    // not slept on: the server's socket either receives the client's FIN ('end'), or is destroyed by
    // the server's own keep-alive timeout first ('close' without 'end').
    server.keepAliveTimeout = 2_000;
    const closedBy = new Promise<'client' | 'server'>((resolve) =>
      server.once('connection', (socket: import('node:net').Socket) => {
        socket.once('end', () => resolve('client'));
        socket.once('close', () => resolve('server'));
      }),
    );
    try {
      await (await createSubgraphFetcher()(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
      expect(await closedBy).toBe('client');
    } finally {
      server.keepAliveTimeout = 5_000;
    }
  });

  it('answers an error status as such, body included', async () => {
    const response = await createSubgraphFetcher()(`${url}/broken`, { method: 'POST', body: '{}' });
    expect([response.ok, response.status, response.statusText, await response.text()]).toEqual([
      false,
      502,
      'Bad Gateway',
      'upstream down',
    ]);
  });

  it('fails when nothing listens', async () => {
    await expect(
      createSubgraphFetcher()('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('aborts a call that does not answer within its deadline, closing its connection', async () => {
    const started = Date.now();
    await expect(createSubgraphFetcher(300)(`${url}/stall`, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(
      SubgraphTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    await closedByClient(stalled.at(-1)!);
  });

  it('times out an answer that stalls halfway through its body', async () => {
    await expect(
      createSubgraphFetcher(300)(`${url}/stall-midway`, { method: 'POST', body: '{}' }),
    ).rejects.toBeInstanceOf(SubgraphTimeoutError);
    await closedByClient(stalled.at(-1)!);
  });

  it('fails, without waiting for the deadline, when the connection is cut in the middle of the answer', async () => {
    const started = Date.now();
    await expect(createSubgraphFetcher(10_000)(`${url}/cut-midway`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('aborts the HTTP request when the operation it serves is abandoned', async () => {
    const operation = new AbortController();
    const call = createSubgraphFetcher(10_000)(
      `${url}/stall`,
      withCallSignal({ method: 'POST', body: '{}', headers: {} }, operation.signal),
    );
    while (stalled.length === 0 || stalled.at(-1)!.socket?.destroyed)
      await new Promise((resolve) => setImmediate(resolve));
    const pending = stalled.at(-1)!;
    operation.abort(new CallAbandonedError());
    await expect(call).rejects.toBeInstanceOf(CallAbandonedError);
    await closedByClient(pending);
    // The mark that carried the signal was not sent.
    expect(Object.keys(received.at(-1)!.headers)).not.toContain(CALL_SIGNAL_HEADER);
  });
});
