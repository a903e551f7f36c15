import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient, GatewayError } from './gateway-client';

/** A real HTTP server that drops the first `drops` connections' requests unanswered, then answers. */
async function serverDropping(drops: number): Promise<{ url: string; server: Server; seen: () => number }> {
  let seen = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (++seen <= drops) return req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, seen: () => seen };
}

describe('the gateway client', () => {
  it('sends a request again on a new connection when its connection fails (the import’s requests are idempotent)', async () => {
    const { url, server, seen } = await serverDropping(1);
    try {
      expect(await new GatewayClient(url, 'Bearer x').request('{ ok }', {})).toEqual({ ok: true });
      expect(seen()).toBe(2);
    } finally {
      server.close();
    }
  });

  it('gives up after the second failure with a typed error', async () => {
    const { url, server, seen } = await serverDropping(5);
    try {
      await expect(new GatewayClient(url, 'Bearer x').request('{ ok }', {})).rejects.toEqual(
        new GatewayError('GATEWAY_UNREACHABLE', `The gateway at ${url} does not answer.`),
      );
      expect(seen()).toBe(2);
    } finally {
      server.close();
    }
  });
});
