import pino, { type Logger } from 'pino';

/**
 * Errors are logged with their message, code and stack, but never with the values of a failed SQL
 * statement: those may be classified personal data (Decree 27/2026).
 */
function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const { parameters: _parameters, driverError, detail: _detail, ...rest } = serialized;
  const driver = driverError as Record<string, unknown> | undefined;
  return driver ? { ...rest, code: driver.code, constraint: driver.constraint, table: driver.table } : rest;
}

export type { Logger };

/** Structured JSON logs, one line per event, with the service name on each. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
    serializers: { err: serializeError },
  });
}
