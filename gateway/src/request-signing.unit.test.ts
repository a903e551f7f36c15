import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { REQUEST_SIGNATURE_HEADER, Role, verifyRequestSignature, type Identity } from '@cadres/core';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coalescingFetcher } from './coalesce';
import { createIdentitySigner } from './identity-header';
import { SignatureRefusedError, signingFetcher } from './request-signing';
import { createSubgraphFetcher } from './subgraph-fetcher';
import type { GatewayContext } from './gateway-context';
import { IdentityForwardingDataSource } from './subgraph-data-source';

const SECRET = randomBytes(32).toString('hex');
const ENTITIES =
  'query D__training__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Cadre { trainingHistory { status } } } }';
const admin: Identity = { subject: 'a', role: Role.ADMIN, agency: null, scopes: [], units: null };
const partner: Identity = { subject: 'p', role: Role.PARTNER, agency: 'Sở Y tế', scopes: [], units: null };

/**
 * A subgraph on a real port that checks, as the real one does, every call's signature over the
 * exact bytes it received, and answers. Bodies are built at several layers (serialisation, dedup,
 * batching, coalescing): whatever path a call takes, what arrives must be what was signed.
 */
async function subgraph() {
  const calls: { verified: boolean; tamperedVerified: boolean; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const request = { audience: 'training', method: req.method!, path: req.url!, headers: req.headers, body: raw };
      const signature = req.headers[REQUEST_SIGNATURE_HEADER];
      const body = raw.toString('utf8');
      calls.push({
        verified: verifyRequestSignature(SECRET, signature, request),
        tamperedVerified: verifyRequestSignature(SECRET, signature, { ...request, body: body.replace('c1', 'c9') }),
        body,
      });
      const { variables } = JSON.parse(body) as { variables?: { representations?: { id: string }[] } };
      const data = variables?.representations
        ? { _entities: variables.representations.map((r) => ({ trainingHistory: [{ status: r.id }] })) }
        : { a: 1 };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const fetch = coalescingFetcher(signingFetcher(createSubgraphFetcher(), SECRET, { training: url }));
  return { calls, source: new IdentityForwardingDataSource(url, createIdentitySigner(SECRET, 30_000), fetch) };
}
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
function send(
  source: IdentityForwardingDataSource,
  identity: Identity,
  requestId: string,
  request: { query: string; variables?: Record<string, unknown> },
) {
  const context: GatewayContext = { requestId, identity, sqlStatements: 0 };
  return source.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request,
    context,
    incomingRequestContext: { context },
  } as unknown as Options);
}
const entities = (...ids: string[]) => ({
  query: ENTITIES,
  variables: { representations: ids.map((id) => ({ __typename: 'Cadre', id })) },
});

describe('every subgraph call the gateway sends is signed over its exact bytes', () => {
  it('batched, deduplicated, a partner’s alone, coalesced or plain', async () => {
    const { calls, source } = await subgraph();
    await Promise.all([
      send(source, admin, 'r1', entities('c1', 'c2')),
      send(source, admin, 'r2', entities('c2', 'c1', 'c1')),
      send(source, partner, 'r3', entities('c1')),
      send(source, admin, 'r4', { query: '{ a }' }),
      send(source, admin, 'r5', { query: '{ a }' }),
    ]);
    // One batch for the two admin fetches, the partner's alone, one coalesced plain query.
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.verified)).toEqual([true, true, true]);
    // The same signature does not cover another body: what arrives is what was signed.
    expect(calls.filter((c) => c.body.includes('c1')).map((c) => c.tamperedVerified)).toEqual([false, false]);
  });

  it('turns a subgraph’s 401 (keys or clocks differ) into an error naming the subgraph, not a 401 with its URL for the client', async () => {
    const server = createServer((_req, res) =>
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no"}]}'),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const fetch = signingFetcher(createSubgraphFetcher(), SECRET, { training: url });
    const failure = fetch(url, { method: 'POST', body: '{}', headers: {} });
    await expect(failure).rejects.toBeInstanceOf(SignatureRefusedError);
    await expect(failure).rejects.toThrow(/^training refused the gateway's signed call/);
    await expect(failure.catch((error: Error) => error.message)).resolves.not.toContain('127.0.0.1');
  });

  it('refuses to send to a URL no subgraph is configured at', async () => {
    const fetch = signingFetcher(createSubgraphFetcher(), SECRET, { training: 'http://127.0.0.1:1/graphql' });
    await expect(fetch('http://elsewhere/graphql', { method: 'POST', body: '{}', headers: {} })).rejects.toThrow(
      /no subgraph/,
    );
  });
});
