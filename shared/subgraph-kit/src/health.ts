import { ErrorCode, type Logger } from '@cadres/core';
import type { Express, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';

/**
 * Where a subgraph process is in its life. `starting`: listening, but not yet connected, migrated
 * and seeded (it retries until it is). `ready`: serving. `stopping`: a signal came; it still serves
 * what arrives while load balancers notice, but tells them not to send more.
 */
export type Lifecycle = 'starting' | 'ready' | 'stopping';

export class Readiness {
  private current: Lifecycle = 'starting';

  get state(): Lifecycle {
    return this.current;
  }

  ready(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  stopping(): void {
    this.current = 'stopping';
  }
}

export interface HealthOptions {
  name: string;
  dataSource: DataSource;
  readiness: Readiness;
  /** How long readiness waits for `SELECT 1` (a connection from the pool included). */
  databaseTimeoutMs: number;
  logger: Logger;
}

/**
 * `GET /health/live`: 200 while the process runs (restart it only when this fails).
 * `GET /health/ready` (and `GET /health`): 200 when the subgraph can serve: started, not stopping,
 * and its database answering within `databaseTimeoutMs`; 503 otherwise, at once, never hanging on
 * a database that does not answer. Also turns GraphQL requests away with 503 until the subgraph
 * has started: they would only fail further in.
 */
export function mountHealth(app: Express, options: HealthOptions): void {
  const { name, readiness } = options;
  const databaseAnswers = coalesced(() => answersWithin(options.dataSource, options.databaseTimeoutMs));

  // While stopping, every answer retires its keep-alive connection: callers open a new one
  // (to another replica, once readiness has them look elsewhere), so few idle connections are
  // left to close when the port closes, and none is closed under a request on its way.
  app.use((_req, res, next) => {
    if (readiness.state === 'stopping') res.setHeader('connection', 'close');
    next();
  });

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: name, state: readiness.state });
  });

  const ready: RequestHandler = async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (readiness.state !== 'ready') {
      res.status(503).json({ status: 'unavailable', service: name, state: readiness.state });
      return;
    }
    if (await databaseAnswers()) {
      res.json({ status: 'ok', service: name, state: readiness.state, database: 'ok' });
      return;
    }
    options.logger.warn({ timeoutMs: options.databaseTimeoutMs }, 'health check: the database did not answer in time');
    res.status(503).json({ status: 'unavailable', service: name, state: readiness.state, database: 'unreachable' });
  };
  app.get('/health/ready', ready);
  app.get('/health', ready);

  app.use('/graphql', (_req, res, next) => {
    if (readiness.state !== 'starting') {
      next();
      return;
    }
    res
      .status(503)
      .setHeader('retry-after', '1')
      .json({
        errors: [
          {
            message: `The ${name} service is starting; try again shortly.`,
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
          },
        ],
      });
  });
}

/** True when `SELECT 1` answers in time; false on an error or the deadline, whichever comes first. */
async function answersWithin(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Probes arriving while one is under way share its answer, so a stalled database never piles them up. */
function coalesced(probe: () => Promise<boolean>): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null;
  return () => {
    inFlight ??= probe().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
