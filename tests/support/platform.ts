import {
  createDatabaseIfMissing,
  dropDatabase,
  freePorts,
  startPlatform,
  withDatabase,
  type RunningPlatform,
  type ServicePorts,
} from '@cadres/platform';
import { Role } from '@cadres/core';
import { postGraphQL, testDatabaseUrl, type GraphQLResult } from '@cadres/testing';
import { SignJWT } from 'jose';

export interface E2EPlatform extends RunningPlatform {
  graphqlUrl: string;
  /** The platform's own database, for the few tests that must shape data no API writes. */
  databaseUrl: string;
  /** Queries the gateway as a client would, with an ADMIN token unless another is given. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<Data>>;
}

/** The development key the gateway verifies tokens with when no JWKS is configured. */
const DEV_AUTH_HS256_SECRET = 'dev-only-hs256-token-secret-do-not-deploy';

export interface TokenClaims {
  role: Role;
  org?: string[];
  agency?: string;
  scopes?: string[];
  sub?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

/** A bearer token as an identity provider would issue it (HS256, the development key). */
export function token(
  { role, org = [], agency, scopes = [], sub, expiresIn = 600 }: TokenClaims,
  secret = DEV_AUTH_HS256_SECRET,
): Promise<string> {
  return new SignJWT({ role, org, agency, scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub ?? `e2e-${role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/**
 * The whole platform as real processes on free ports, on a database of its own loaded with the
 * demo province (the e2e tests read it as a user would).
 */
export async function startE2EPlatform(
  options: { env?: NodeJS.ProcessEnv; authSecret?: string; readyTimeoutMs?: number; ports?: ServicePorts } = {},
): Promise<E2EPlatform> {
  const serverUrl = testDatabaseUrl();
  const database = `cadres_e2e_${process.pid}_${Date.now().toString(36)}`;
  await createDatabaseIfMissing(serverUrl, database);
  const databaseUrl = withDatabase(serverUrl, database);
  const platform = await startPlatform({
    databaseUrl,
    // Given when something must know the gateway's address before it starts (an identity provider's redirect).
    ports: options.ports ?? (await freePorts()),
    seedDemoData: true,
    stdio: 'pipe',
    // Training and planning fill their records' units from personnel once it has seeded: on a
    // machine busy with other test runs the whole start has taken over a minute.
    readyTimeoutMs: options.readyTimeoutMs ?? 150_000,
    // The machine's Redis (REDIS_URL) is shared by every test file's platform running at once: each
    // counts its callers' requests apart, or one file's rate-limit test throttles the others.
    env: { LOG_LEVEL: 'info', NODE_ENV: 'test', RATE_LIMIT_KEY_PREFIX: `cadres:rate:${database}`, ...options.env },
  });
  const graphqlUrl = `${platform.gatewayUrl}/graphql`;
  const admin = await token({ role: Role.ADMIN }, options.authSecret);
  return {
    ...platform,
    graphqlUrl,
    databaseUrl,
    query: (query, variables, bearer = admin, headers = {}) =>
      postGraphQL(graphqlUrl, query, variables, { authorization: `Bearer ${bearer}`, ...headers }),
    stop: async () => {
      await platform.stop();
      await dropDatabase(serverUrl, database);
    },
  };
}
