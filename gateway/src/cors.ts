import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayEnv } from './env';

const list = (setting: string) =>
  setting
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * CORS for the configured origins, by the maintained `cors` package: the request headers real
 * clients send (Apollo Client's client name and version, the operation name the CSRF refusal asks
 * for, W3C trace context), the response headers a script needs to read (the request id to quote,
 * Retry-After, WWW-Authenticate), and a cached preflight. Any other origin gets no CORS header,
 * and its preflight a 403: the browser then refuses to send the request at all.
 */
export function corsFor(env: GatewayEnv) {
  const origins = new Set(list(env.CORS_ORIGINS));
  const allowed = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: list(env.CORS_ALLOWED_HEADERS),
    exposedHeaders: list(env.CORS_EXPOSED_HEADERS),
    maxAge: env.CORS_MAX_AGE_SECONDS,
    credentials: false,
    optionsSuccessStatus: 204,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // The answer differs by origin whoever asks, so a cache keeps one per origin.
    if (origins.size) res.vary('Origin');
    allowed(req, res, () => {
      // Reached only when `cors` did not answer a preflight itself: an origin not allowed.
      if (req.method === 'OPTIONS') return void res.status(403).end();
      next();
    });
  };
}
