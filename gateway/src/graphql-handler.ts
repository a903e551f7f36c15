import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import type { Request, Response } from 'express';
import { statusFor } from './client-errors';
import { Payloads, sendBody } from './compression';

/**
 * Apollo Server behind express, as @as-integrations/express5 does it, except that a complete answer
 * goes out through `sendBody` (compressed when the client accepts it) rather than express's
 * `res.send`, which would also hash every answer for an ETag that no GraphQL POST uses.
 * Incremental answers (@defer) are streamed as they come, uncompressed.
 *
 * Kept hand-written because it measurably wins (tests/bench/kept-libraries.ts, BENCHMARKS.md):
 * express5's middleware behind `compression` (same threshold and fast settings, no ETag) cost more
 * server CPU per request in every interleaved round with brotli, which browsers ask for: a
 * dossier-sized answer 0.84–1.43 ms against 0.35–0.52 ms, a page of 50 dossiers 4.8–5.8 ms against
 * 3.9–4.2 ms. `compression` opens a zlib stream per answer; `sendBody` compresses the whole answer
 * in one call. With gzip only the two were alike.
 *
 * With `share` (operation-sharing.ts), a request may be answered by an identical one in flight;
 * its log line then names that request (`sharedWith`).
 */
export function graphqlHandler<Context extends BaseContext>(
  server: ApolloServer<Context>,
  context: (res: Response) => Promise<Context>,
  compression: boolean,
  share?: Share<Context>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const { search } = new URL(req.url, 'http://gateway');
    const httpGraphQLRequest = { method: req.method.toUpperCase(), headers, search, body: req.body };
    const run = (own: Context) => server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => own });
    const answer = share
      ? await share(httpGraphQLRequest, await context(res), run, (leader) => (res.locals.sharedWith = leader))
      : await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(res) });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.statusCode = statusFor(res.statusCode, answer.headers.get('content-type'), answer.body.string);
      return sendBody(req, res, payloadsOf(answer.body), compression);
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * The bytes of a complete answer, kept with the answer's body: the clients of a shared answer get
 * the same body object (operation-sharing.ts), so it is encoded and compressed once for all.
 */
const payloads = new WeakMap<object, Payloads>();
function payloadsOf(body: { string: string }): Payloads {
  let own = payloads.get(body);
  if (!own) payloads.set(body, (own = new Payloads(body.string)));
  return own;
}

/** How a request may be answered by another's execution (OperationSharing.execute). */
export type Share<Context> = (
  request: HTTPGraphQLRequest,
  context: Context,
  run: (context: Context) => Promise<HTTPGraphQLResponse>,
  onFollow: (leaderRequestId: string) => void,
) => Promise<HTTPGraphQLResponse>;
