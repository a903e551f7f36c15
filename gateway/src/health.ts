export interface SubgraphHealth {
  name: string;
  status: 'ok' | 'unavailable';
  database?: string;
  error?: string;
}

/** Asks every subgraph's /health at once; a slow one counts as unavailable after `timeoutMs`. */
export async function checkSubgraphs(urls: Record<string, string>, timeoutMs: number): Promise<SubgraphHealth[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, graphqlUrl]): Promise<SubgraphHealth> => {
      const healthUrl = new URL('/health', graphqlUrl);
      try {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
        const body = (await response.json()) as { database?: string };
        return { name, status: response.ok ? 'ok' : 'unavailable', database: body.database };
      } catch (error) {
        return {
          name,
          status: 'unavailable',
          error: (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable',
        };
      }
    }),
  );
}
