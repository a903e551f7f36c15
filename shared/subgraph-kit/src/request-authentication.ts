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
  const parseSignedBody: RequestHandler = (req, res, next) =>
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      // body-parser wraps what `verify` throws; its other refusals answer in GraphQL's shape too.
      const { status, type } = error as { status?: number; type?: string };
      if (type === 'entity.verify.failed') return unauthenticated(res);
      if (status === 413)
        return void res.status(413).json({
          errors: [
            {
              message: `The request is larger than ${options.bodyLimit}.`,
              extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE },
            },
          ],
        });
      res.status(400).json({
        errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }],
      });
    });

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
