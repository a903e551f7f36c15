/**
 * The servers `kept-libraries.ts` drives, in its child process: each variant of a piece on its own
 * port, the rest of the stack the same.
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  annotateRequestSpan,
  createLogger,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type ForwardedIdentity,
  type Logger,
} from '@cadres/core';
import { graphqlHandler } from '@cadres/gateway/dist/graphql-handler';
import { requestLog } from '@cadres/gateway/dist/request-log';
import compression from 'compression';
import express, { type Express } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants } from 'node:zlib';

/** Rows shaped like a dossier's: ids, Vietnamese names, dates, a rating. */
const typeDefs = `type Item { id: ID! name: String! unit: String! title: String! status: String! since: String! rating: Float }
type Query { items(n: Int!): [Item!]! }`;
const item = (i: number) => ({
  id: `e9165b66-1563-58a2-a140-${String(i).padStart(12, '0')}`,
  name: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung'][i % 4],
  unit: `Ủy ban nhân dân huyện số ${i % 17}`,
  title: ['Phó Chủ tịch', 'Trưởng phòng', 'Chuyên viên chính', 'Bí thư'][i % 4],
  status: ['COMPLETED', 'ENROLLED', 'PLANNED'][i % 3],
  since: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
  rating: (i % 10) / 2,
});
const resolvers = {
  Query: { items: (_: unknown, { n }: { n: number }) => Array.from({ length: n }, (_, i) => item(i)) },
};

async function listen(app: Express): Promise<number> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function handlers(): Promise<Record<string, number>> {
  const apollo = new ApolloServer({ typeDefs, resolvers, csrfPrevention: false });
  await apollo.start();
  const context = () => Promise.resolve({});

  const hand = express();
  hand.disable('x-powered-by');
  hand.post('/graphql', express.json(), graphqlHandler(apollo, context, true));

  // The library as the gateway would configure it: the same threshold and fast settings as
  // sendBody, and no ETag (express's res.send would hash every answer for one).
  const library = express();
  library.disable('x-powered-by');
  library.set('etag', false);
  library.use(compression({ threshold: 1024, level: 1, brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } } }));
  library.post('/graphql', express.json(), expressMiddleware(apollo, { context }));
  return { 'hand-written': await listen(hand), library: await listen(library) };
}

/** The gateway's request log line as it was written by hand before pino-http (the comparison point). */
function handWrittenRequestLog(logger: Logger) {
  return (req: express.Request, res: express.Response, next: express.NextFunction): void => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    annotateRequestSpan(requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          requestId,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          subject: (res.locals.identity as ForwardedIdentity | undefined)?.subject,
        },
        'request',
      );
    });
    next();
  };
}

async function logging(): Promise<Record<string, number>> {
  const logger = createLogger('gateway');
  const answer = (app: Express) => app.get('/ping', (_req, res) => void res.json({ status: 'ok' }));
  const hand = express();
  hand.use(handWrittenRequestLog(logger));
  answer(hand);
  // pino-http as the gateway configures it (gateway/src/request-log.ts).
  const library = express();
  library.use(requestLog(logger));
  answer(library);
  return { 'hand-written': await listen(hand), library: await listen(library) };
}

export function serve(piece: 'handler' | 'logging'): Promise<Record<string, number>> {
  return piece === 'handler' ? handlers() : logging();
}
