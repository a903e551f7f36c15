import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSION_THRESHOLD_BYTES, negotiateEncoding, Payloads, sendBody } from './compression';

describe('Accept-Encoding negotiation', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['BR', 'br'],
    ['gzip;q=0, deflate', null],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['deflate, gzip;q=0.8, br;q=0.9', 'br'],
  ])('%p → %p', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('sendBody', () => {
  let server: Server;
  let port: number;
  let enabled = true;
  const big = JSON.stringify({
    data: { cadres: Array.from({ length: 200 }, (_, i) => ({ id: i, fullName: 'Lò Văn Minh' })) },
  });
  const small = '{"data":{"ok":true}}';
  /** One answer sent to several clients, as a shared operation's is. */
  const shared = new Payloads(big);

  beforeAll(async () => {
    server = createServer(
      (req, res) =>
        void sendBody(req, res, req.url === '/small' ? small : req.url === '/shared' ? shared : big, enabled),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      request({ port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  it('compresses a large answer with what the client accepts', async () => {
    expect(big.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    const gzipped = await get('/', 'gzip, deflate');
    expect(gzipped.headers).toMatchObject({
      'content-encoding': 'gzip',
      vary: 'Accept-Encoding',
      'content-length': String(gzipped.body.length),
    });
    expect(gunzipSync(gzipped.body).toString()).toBe(big);
    const brotli = await get('/', 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(big);
    expect(brotli.body.length).toBeLessThan(big.length / 5);
  });

  it('sends small answers, and answers to clients that accept neither, as they are', async () => {
    for (const [path, accept] of [
      ['/small', 'gzip'],
      ['/', undefined],
      ['/', 'deflate'],
    ] as const) {
      const { headers, body } = await get(path, accept);
      expect(headers['content-encoding']).toBeUndefined();
      expect(headers.vary).toBe('Accept-Encoding');
      expect(body.toString()).toBe(path === '/small' ? small : big);
    }
  });

  it('compresses nothing when turned off', async () => {
    enabled = false;
    const { headers, body } = await get('/', 'gzip, br');
    enabled = true;
    expect([headers['content-encoding'], headers.vary]).toEqual([undefined, undefined]);
    expect(body.toString()).toBe(big);
  });

  it('encodes and compresses an answer sent to several clients once, each client getting its encoding', async () => {
    const [brotli, gzipped, again, plain] = await Promise.all([
      get('/shared', 'br'),
      get('/shared', 'gzip'),
      get('/shared', 'br'),
      get('/shared'),
    ]);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(big);
    expect(gunzipSync(gzipped.body).toString()).toBe(big);
    expect(again.body.equals(brotli.body)).toBe(true);
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, big]);
    // The same bytes each time: made once.
    expect(shared.in('br')).toBe(shared.in('br'));
    expect(shared.plain).toBe(shared.plain);
  });
});
