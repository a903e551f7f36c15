import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's schema; lists every problem at once. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Variables every service understands. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  /** Prometheus `/metrics` on this port (a listener of its own, not the public one); unset: no metrics endpoint. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the metrics listener binds (default: HOST). */
  METRICS_HOST: z.string().optional(),
});

export const portSchema = z.coerce.number().int().min(0).max(65535);

export const postgresUrlSchema = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');

/**
 * Parses `source` with `schema`. On failure throws an EnvError that names every bad variable,
 * so an operator fixes them all in one go instead of one restart per mistake.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

/** For a service's entry point: parse, or print every problem and exit 1. */
export function loadEnvOrExit<S extends z.ZodType>(schema: S, service: string): z.infer<S> {
  try {
    return parseEnv(schema);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`[${service}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Marks development defaults that must never reach production: with NODE_ENV=production, a
 * variable still at its default is an error listed with the others.
 */
export function refuseDevDefaultsInProduction<S extends z.ZodType<{ NODE_ENV: string }>>(
  schema: S,
  defaults: Record<string, string>,
) {
  return schema.superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    for (const [name, value] of Object.entries(defaults)) {
      if ((env as Record<string, unknown>)[name] === value) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: 'is a development default; set a real value in production',
        });
      }
    }
  });
}
