import {
  annotateRequestSpan,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type ForwardedIdentity,
  type Logger,
} from '@cadres/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { pinoHttp } from 'pino-http';

/** The request's start, for `ms` with sub-millisecond precision (pino-http's own is whole ms). */
const STARTED = Symbol('started');
type Timed = ServerResponse & { [STARTED]?: bigint };

/** The fields of the one line logged per request, flat, as operators and tests read them. */
function line(req: IncomingMessage, res: ServerResponse) {
  const started = (res as Timed)[STARTED];
  return {
    requestId: req.id,
    method: req.method,
    url: (req as Request).originalUrl,
    status: res.statusCode,
    ms: started === undefined ? undefined : Number(process.hrtime.bigint() - started) / 1e6,
    subject: ((res as Response).locals.identity as ForwardedIdentity | undefined)?.subject,
    // Answered by an identical request's execution (operation-sharing.ts): that request's id.
    sharedWith: (res as Response).locals.sharedWith as string | undefined,
  };
}

/**
 * The request id (the caller's `x-request-id` when acceptable, else a new one: answered in the same
 * header, handed to every subgraph call and on every log line), and one log line per request once
 * its answer is sent or the client has gone (pino-http). Measured against the hand-written
 * middleware it replaced (tests/bench/kept-libraries.ts, BENCHMARKS.md): alike in CPU per request,
 * with this set-up. Its default line nests the whole request and response with their headers, and
 * its request-id logger makes one more child logger per request: both cost CPU on every request,
 * hence no `req` serializer and the id among the line's own fields.
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: { req: () => undefined },
    genReqId: (req, res) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      (res as Response).locals.requestId = requestId;
      (res as Timed)[STARTED] = process.hrtime.bigint();
      annotateRequestSpan(requestId);
      return requestId;
    },
    customLogLevel: () => 'info',
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: line,
    customErrorObject: line,
  });
}
