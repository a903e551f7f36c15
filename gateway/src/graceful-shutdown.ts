import type { Logger } from '@cadres/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/**
 * The gateway's graceful stop, in the order a load balancer needs it:
 *
 * 1. readiness turns 503 (`draining`), while every request is still served as usual, each answer
 *    with `Connection: close` so that clients drop their kept-alive connections one by one;
 * 2. after `drainMs` (long enough for the balancer to have seen the 503 and stopped sending), the
 *    port closes: nothing new is accepted, idle connections are closed;
 * 3. every request already accepted runs to its end (each kept-alive connection closes once its
 *    answer is out); only past `graceMs` are the connections still open cut;
 * 4. then the rest (Apollo, the rate limiter) stops.
 */
export class GracefulShutdown {
  private stopping = false;
  private inFlight = 0;
  private server: Server | null = null;

  constructor(
    private readonly drainMs: number,
    private readonly graceMs: number,
    private readonly logger: Logger,
  ) {}

  /** True from the moment the stop starts: readiness answers 503. */
  get draining(): boolean {
    return this.stopping;
  }

  /** Counts the requests in flight, and asks clients to close their connection once stopping. */
  readonly track = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight += 1;
    if (this.stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight -= 1;
      // A connection kept alive by an answer sent before the stop began is idle now: close it.
      if (this.server) setImmediate(() => this.server?.closeIdleConnections());
    });
    next();
  };

  async stop(httpServer: Server, stopTheRest: () => Promise<void>): Promise<void> {
    this.stopping = true;
    this.logger.info({ drainMs: this.drainMs, inFlight: this.inFlight }, 'draining: readiness is 503');
    if (this.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, this.drainMs));
    this.logger.info({ inFlight: this.inFlight }, 'closing the port; waiting for the requests in flight');
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        this.logger.error(
          { inFlight: this.inFlight },
          'requests still in flight after the grace period: closing their connections',
        );
        httpServer.closeAllConnections();
      }, this.graceMs);
      this.server = httpServer;
      // Resolves once every connection has ended; closes the idle ones now (Node ≥ 19).
      httpServer.close(() => {
        clearTimeout(cut);
        resolve();
      });
      httpServer.closeIdleConnections();
    });
    await stopTheRest();
    this.logger.info('stopped');
  }
}
