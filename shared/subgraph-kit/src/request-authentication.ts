import {
  cachedIdentityVerifier,
  ErrorCode,
  IDENTITY_HEADER,
  REQUEST_SIGNATURE_HEADER,
  verifyRequestSignature,
  type ForwardedIdentity,
  type Identity,
  type Logger,
} from '@cadres/core';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestAuthenticationOptions {
  /** This subgraph's name: the audience every request to it must be signed for. */
  name: string;
  signingSecret: string;
  /** How long a signed request is accepted after it was signed (and before, for clock skew). */
  maxAgeMs: number;
  bodyLimit: string;
  resolveScope: (forwarded: ForwardedIdentity) => Promise<Identity>;
  logger: Logger;
}

const EMPTY_BODY = Buffer.alloc(0);

/** A refusal that says nothing of why: a prober learns no more from a stale MAC than from a forged one. */
function unauthenticated(res: Response): void {
  res.status(401).json({
    errors: [
      {
        message: 'A valid signed request from the gateway is required.',
        extensions: { code: ErrorCode.UNAUTHENTICATED },
      },
    ],
  });
}

class SignatureRefused extends Error {}

/**
 * The middleware in front of a subgraph's GraphQL endpoint: every request — queries, `_entities`,
 * `_service` — must carry an identity token the gateway (or a subgraph, as a SERVICE) signed, and a
 * signature of that very request (request-signature.ts) made moments ago for this subgraph. In order:
 *
 * 1. the identity token, from its header alone (cached): a request without one is refused before
 *    its body is read;
 * 2. the request signature, over the raw body bytes, inside the JSON parser's `verify` hook, i.e.
 *    before the body is parsed, let alone executed; a request with no body (a GET) is checked over
 *    the empty body, so a signature of a POST cannot pass for it;
 * 3. the identity's unit scope (subtree roots expanded), 503 while that cannot be done.
 *
 * The age is taken at arrival, before the body is read, so a slow upload is not held against it.
 *
 * What the gateway sends (a POST of `application/json`, UTF-8, not compressed, of a declared
 * length) is read here directly (`readPlainJson`): body-parser's content-type parsing, charset
 * decoding and stream plumbing cost about 2 % of a subgraph's busy time on the dossier bench. Any
 * other request (another charset, a compressed or chunked body, a GET) still goes through
 * body-parser; both give the same answers (the kit's unit tests send each kind to both).
 */
export function authenticateRequests(options: RequestAuthenticationOptions): RequestHandler[] {
  const verifyIdentity = cachedIdentityVerifier(options.signingSecret);
  const signatureOf = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, body: Buffer): boolean =>
    verifyRequestSignature(
      options.signingSecret,
      req.headers[REQUEST_SIGNATURE_HEADER],
      {
        audience: options.name,
        method: req.method ?? '',
        path: req.originalUrl ?? req.url ?? '',
        headers: req.headers,
        body,
      },
      options.maxAgeMs,
      (res as ServerResponse & { locals: { arrivedAt: number } }).locals.arrivedAt,
    );

  const identity: RequestHandler = async (req, res, next) => {
    res.locals.arrivedAt = Date.now();
    const token = req.headers[IDENTITY_HEADER];
    try {
      if (typeof token !== 'string') throw new SignatureRefused();
      res.locals.forwardedIdentity = await verifyIdentity(token);
    } catch {
      return unauthenticated(res);
    }
    next();
  };

  const parser = express.json({
    limit: options.bodyLimit,
    verify: (req, res, body) => {
      if (!signatureOf(req, res, body)) throw new SignatureRefused();
      (res as Response).locals.signatureVerified = true;
    },
  });
  const tooLarge = (res: Response) =>
    void res.status(413).json({
      errors: [
        {
          message: `The request is larger than ${options.bodyLimit}.`,
          extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE },
        },
      ],
    });
  const notJson = (res: Response) =>
    void res.status(400).json({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }],
    });
  const limitBytes = bytesOf(options.bodyLimit);
  const parseSignedBody: RequestHandler = (req, res, next) => {
    const length = plainJsonPostLength(req);
    if (length !== undefined && limitBytes !== undefined)
      return readPlainJson(req, length, limitBytes, (outcome) => {
        if (outcome.kind === 'too-large') return tooLarge(res);
        if (outcome.kind === 'unreadable') return notJson(res);
        if (!signatureOf(req, res, outcome.body)) return unauthenticated(res);
        res.locals.signatureVerified = true;
        const parsed = parseStrictJson(outcome.body);
        if (parsed === NOT_JSON) return notJson(res);
        req.body = parsed;
        next();
      });
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      // body-parser wraps what `verify` throws; its other refusals answer in GraphQL's shape too.
      const { status, type } = error as { status?: number; type?: string };
      if (type === 'entity.verify.failed') return unauthenticated(res);
      if (status === 413) return tooLarge(res);
      notJson(res);
    });
  };

  const scope: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    // No JSON body was read (a GET, another content type): the signature must then be of an empty body.
    if (res.locals.signatureVerified !== true && !signatureOf(req, res, EMPTY_BODY)) return unauthenticated(res);
    try {
      res.locals.identity = await options.resolveScope(res.locals.forwardedIdentity as ForwardedIdentity);
    } catch (error) {
      options.logger.warn({ err: error, requestId: res.locals.requestId }, 'organisation scope not resolved');
      res.status(503).json({
        errors: [
          {
            message: 'The caller’s organisation scope could not be resolved; try again shortly.',
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
          },
        ],
      });
      return;
    }
    next();
  };

  return [identity, parseSignedBody, scope];
}

/** The declared length of a POST that the direct reader takes, or undefined (body-parser takes it). */
export function plainJsonPostLength(req: IncomingMessage): number | undefined {
  const { headers } = req;
  if (req.method !== 'POST' || headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON_TYPE.test(type)) return undefined;
  const length = headers['content-length'];
  return length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
}

const PLAIN_JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

type BodyOutcome = { kind: 'read'; body: Buffer } | { kind: 'too-large' } | { kind: 'unreadable' };

/**
 * Reads a body of a declared length, as body-parser would: over the limit by its declared length
 * is refused before a byte is read; a body that ends short of it, or a stream that fails, is
 * unreadable. What is left of a refused request is read off and dropped, so the connection stays usable.
 */
export function readPlainJson(
  req: IncomingMessage,
  length: number,
  limitBytes: number,
  done: (outcome: BodyOutcome) => void,
): void {
  // The request's async context (its SQL statement count, its read scope) must reach what runs
  // after the body: a stream's events would run the callback in the server's context instead.
  const finish = AsyncResource.bind(done);
  if (length > limitBytes) {
    req.resume();
    return finish({ kind: 'too-large' });
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const settle = (outcome: BodyOutcome) => {
    if (settled) return;
    settled = true;
    req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
    if (outcome.kind !== 'read') req.resume();
    finish(outcome);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > length) return settle({ kind: 'unreadable' });
    chunks.push(chunk);
  };
  const onEnd = () =>
    settle(received === length ? { kind: 'read', body: Buffer.concat(chunks, received) } : { kind: 'unreadable' });
  const onError = () => settle({ kind: 'unreadable' });
  req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
}

const NOT_JSON = Symbol('not JSON');
const BYTE_ORDER_MARK = 0xfeff;

/**
 * JSON.parse as body-parser's strict mode has it: an empty body is `{}`; anything but an object or
 * an array is refused; a UTF-8 byte order mark is dropped (its decoder does).
 */
export function parseStrictJson(body: Buffer): unknown {
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
  if (text.length === 0) return {};
  // JSON's whitespace (RFC 8259): space, tab, line feed, carriage return.
  const first = /^[ \t\n\r]*(.)/s.exec(text)?.[1];
  if (first !== '{' && first !== '[') return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** '1mb', '512kb', '100b' or a plain number of bytes (the units body-parser takes, 1024-based); undefined for any other. */
export function bytesOf(limit: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) return undefined;
  const [, amount = '', unit = 'b'] = match;
  const scale = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit.toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  return Math.floor(Number(amount) * scale);
}
