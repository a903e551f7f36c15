import type { Logger } from '@cadres/core';
import cluster from 'node:cluster';

/** What the primary sends a worker to make it stop gracefully. */
const STOP_MESSAGE = 'gateway:stop';

/**
 * GATEWAY_WORKERS > 1: the primary forks that many workers, each running the whole gateway on the
 * same port (node:cluster hands the connections round-robin), and serves nothing itself. It
 * restarts nothing: a worker that exits unexpectedly stops the others, and the primary exits 1 for
 * its supervisor (the launcher, compose, systemd) to restart the gateway whole. SIGTERM, SIGINT or
 * the launcher's IPC channel closing stop every worker gracefully; a second signal kills them.
 */
export function runPrimary(workers: number, logger: Logger): void {
  let running = workers;
  let stopping = false;
  let failed = false;
  const stop = (reason: string) => {
    if (stopping) {
      logger.warn({ reason }, 'second signal while stopping; killing the workers');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    logger.info({ reason }, 'stopping the workers');
    for (const worker of Object.values(cluster.workers ?? {})) if (worker?.isConnected()) worker.send(STOP_MESSAGE);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (process.send) process.once('disconnect', () => stop('disconnect'));
  cluster.on('exit', (worker, code, signal) => {
    running -= 1;
    if (code !== 0 || !stopping) {
      failed = true;
      logger.error({ worker: worker.process.pid, code, signal }, 'a gateway worker exited');
    }
    if (!stopping) stop('worker exited');
    if (running === 0) process.exit(failed ? 1 : 0);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  logger.info({ workers }, 'gateway workers started');
}

/**
 * A worker's graceful stop, once, whatever asks first: the primary's message, the primary going
 * away, or a signal. Not core's `stopOnSignals`, which takes a second request to stop as "force it
 * now": a worker gets Ctrl-C from the terminal (it reaches the whole process group) and again from
 * the primary relaying it, and must treat both as one.
 */
export function stopWhenAsked(stop: () => Promise<void>, logger: Logger, graceMs = 10_000): void {
  let stopping = false;
  const handler = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    setTimeout(() => {
      logger.error('graceful stop timed out');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('message', (message) => message === STOP_MESSAGE && handler('primary'));
  process.once('disconnect', () => handler('disconnect'));
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
