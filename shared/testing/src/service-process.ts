import { subgraphService, type SubgraphName } from '@cadres/core';
import { freePort, startService, stopChild, waitForHealth } from '@cadres/platform';

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a built subgraph as a real process on a free port (for tests where one subgraph calls
 * another over HTTP, as in production).
 */
export async function startSubgraphProcess(name: SubgraphName, env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const logs: string[] = [];
  const child = startService(
    `${subgraphService(name).directory}/dist/index.js`,
    { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    'pipe',
    logs,
  );
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, child, Date.now() + 30_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${name} did not start: ${(error as Error).message}\n${logs.join('\n')}`);
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => stopChild(child) };
}
