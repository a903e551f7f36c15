import {
  IDENTITY_HEADER,
  REQUEST_SIGNATURE_HEADER,
  Role,
  createLogger,
  signIdentity,
  signRequest,
  type Identity,
} from '@cadres/core';
import express from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticateRequests, bytesOf, parseStrictJson, plainJsonPostLength } from './request-authentication';
import { searchOf } from './subgraph-server';

/**
 * The subgraphs read the gateway's JSON POSTs directly and leave every other request to
 * body-parser (request-authentication.ts): both must answer alike. Each case is sent twice, once
 * with a Content-Length (the direct reader) and once chunked (body-parser), and the answers compared.
 */
const SECRET = 'request-body-unit-test-secret-0123456789';
const ADMIN: Identity = { subject: 'body-test', role: Role.ADMIN, agency: null, scopes: [], units: null };
/** Stands for the request's scopes (SQL statements, reads): what runs after the body must still see it. */
const requestScope = new AsyncLocalStorage<string>();
let server: Server;
let port = 0;

beforeAll(async () => {
  const app = express();
  app.use((_req, _res, next) => requestScope.run('in the request', next));
  app.use(
    '/graphql',
    ...authenticateRequests({
      name: 'personnel',
      signingSecret: SECRET,
      maxAgeMs: 10_000,
      bodyLimit: '1kb',
      resolveScope: async (forwarded) => ({ ...forwarded, subject: 'body-test' }) as Identity,
      logger: createLogger('request-body-test', 'silent'),
    }),
    (req, res) => void res.json({ received: req.body as unknown, scope: requestScope.getStore() }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

interface Sent {
  body: Buffer;
  signedBody?: Buffer;
  type?: string;
}

/** POSTs the body, signed, with a Content-Length or chunked; the status and JSON answer. */
async function post({ body, signedBody = body, type = 'application/json' }: Sent, chunked: boolean) {
  const headers: Record<string, string> = {
    'content-type': type,
    [IDENTITY_HEADER]: await signIdentity(ADMIN, SECRET),
  };
  headers[REQUEST_SIGNATURE_HEADER] = signRequest(SECRET, {
    audience: 'personnel',
    method: 'POST',
    path: '/graphql',
    headers,
    body: signedBody,
  });
  if (!chunked) headers['content-length'] = String(body.length);
  return new Promise<{ status: number; answer: unknown }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString()) as unknown }),
      );
    });
    req.on('error', reject);
    // Two writes, so that the chunked request really is in chunks.
    req.write(body.subarray(0, 3));
    req.end(body.subarray(3));
  });
}

const text = (s: string) => Buffer.from(s, 'utf8');
const query = text('{"query":"{ __typename }","variables":{"name":"Lò Văn Minh"}}');

describe('the JSON body of a signed POST, read directly or by body-parser', () => {
  it.each<[string, Sent, number]>([
    ['a query', { body: query }, 200],
    ['a batch (an array)', { body: text('[{"query":"{ a }"},{"query":"{ b }"}]') }, 200],
    ['an empty body, which is {}', { body: text('') }, 200],
    ['a body after a byte order mark', { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), query]) }, 200],
    ['a body after whitespace', { body: text(' \n\t{"query":"{ a }"}') }, 200],
    ['the type with its charset', { body: query, type: 'application/json; charset=UTF-8' }, 200],
    ['JSON cut short', { body: text('{"query": ') }, 400],
    ['JSON that is not an object or array', { body: text('"{ __typename }"') }, 400],
    ['a number', { body: text('12') }, 400],
    ['null', { body: text('null') }, 400],
    ['a body signed as another', { body: query, signedBody: text('{"query":"{ other }"}') }, 401],
    ['a body over the limit', { body: text(`{"query":"${'x'.repeat(1100)}"}`) }, 413],
  ])('%s: the same answer both ways', async (_case, sent, status) => {
    const direct = await post(sent, false);
    const parsed = await post(sent, true);
    expect(direct).toEqual(parsed);
    expect(direct.status).toBe(status);
    if (status === 200) expect(direct.answer).toMatchObject({ scope: 'in the request' });
  });

  it('reads the first case directly and the second by body-parser (the test compares two paths)', () => {
    const headers = { 'content-type': 'application/json', 'content-length': '10' };
    expect(plainJsonPostLength({ method: 'POST', headers } as never)).toBe(10);
    for (const other of [
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      { method: 'POST', headers: { ...headers, 'content-encoding': 'gzip' } },
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json; charset=utf-16le' } },
      { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' } },
      { method: 'POST', headers: { ...headers, 'content-type': 'application/graphql+json' } },
      { method: 'GET', headers },
    ])
      expect(plainJsonPostLength(other as never)).toBeUndefined();
  });

  it('parses as body-parser’s strict mode does', () => {
    expect(parseStrictJson(text(''))).toEqual({});
    expect(parseStrictJson(text('[1]'))).toEqual([1]);
    expect(typeof parseStrictJson(text('null'))).toBe('symbol');
    expect(typeof parseStrictJson(text('{"a":'))).toBe('symbol');
  });

  it('reads limits in body-parser’s units', () => {
    expect([bytesOf('1mb'), bytesOf('512kb'), bytesOf('100'), bytesOf('1.5KB'), bytesOf('lots')]).toEqual([
      1048576,
      524288,
      100,
      1536,
      undefined,
    ]);
  });

  it('cuts the query string from a request target as url.parse does', () => {
    expect([searchOf('/'), searchOf('/?query=%7B%7D'), searchOf('/?a=1#frag'), searchOf('/?')]).toEqual([
      '',
      '?query=%7B%7D',
      '?a=1',
      '?',
    ]);
  });
});
