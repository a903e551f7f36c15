import { baseEnvSchema, portSchema } from '@cadres/core';
import { z } from 'zod';

const subgraphUrl = (port: number) => z.string().url().default(`http://127.0.0.1:${port}/graphql`);

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: portSchema.default(4000),
  PERSONNEL_URL: subgraphUrl(4001),
  TRAINING_URL: subgraphUrl(4002),
  PLANNING_URL: subgraphUrl(4003),
  /** Serve GraphiQL at /graphiql (all assets local). */
  GRAPHIQL: z.stringbool().default(true),
  /** How long /health waits for each subgraph. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function subgraphUrls(env: GatewayEnv): Record<string, string> {
  return { personnel: env.PERSONNEL_URL, training: env.TRAINING_URL, planning: env.PLANNING_URL };
}
