import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { stopTracing } from './tracing';

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits. A second signal while stopping forces the
 * exit, so an operator is never stuck behind a hung connection. A service started by the launcher
 * also stops when its IPC channel closes, so it never outlives the launcher, even one killed hard.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, graceMs = 10_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals | 'disconnect') => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while stopping; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error('graceful stop timed out');
      process.exit(1);
    }, graceMs);
    timer.unref();
    // The last spans go out before the exit (a no-op without tracing).
    stop().then(
      () => stopTracing().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  if (process.send) process.once('disconnect', () => handler('disconnect'));
}

/** Starts `server` listening; resolves with the bound address (port 0 picks a free one). */
export function listenOn(server: Server) {
  return (port: number, host = '0.0.0.0'): Promise<AddressInfo> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server.address() as AddressInfo));
    });
}
