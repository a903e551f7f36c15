import { createDatabaseIfMissing, dropDatabase, freePort, startPlatform, withDatabase, type RunningPlatform } from '@cadres/platform';
import { testDatabaseUrl } from '@cadres/testing';

export interface E2EPlatform extends RunningPlatform {
  graphqlUrl: string;
}

/**
 * The whole platform as real processes on free ports, on a database of its own loaded with the
 * demo province (the e2e tests read it as a user would).
 */
export async function startE2EPlatform(): Promise<E2EPlatform> {
  const serverUrl = testDatabaseUrl();
  const database = `cadres_e2e_${process.pid}_${Date.now().toString(36)}`;
  await createDatabaseIfMissing(serverUrl, database);
  const [gateway, personnel, training, planning] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const platform = await startPlatform({
    databaseUrl: withDatabase(serverUrl, database),
    ports: { gateway, personnel, training, planning },
    seedDemoData: true,
    stdio: 'pipe',
    env: { LOG_LEVEL: 'info', NODE_ENV: 'test' },
  });
  return {
    ...platform,
    graphqlUrl: `${platform.gatewayUrl}/graphql`,
    stop: async () => {
      await platform.stop();
      await dropDatabase(serverUrl, database);
    },
  };
}
