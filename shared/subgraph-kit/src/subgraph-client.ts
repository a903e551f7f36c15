import { IDENTITY_HEADER, READ_PRIMARY_HEADER, REQUEST_ID_HEADER, REQUEST_SIGNATURE_HEADER, serviceIdentity, signIdentity, signRequest } from '@cadres/core';

/** Another subgraph did not answer usably (down, slow, or answered with errors). */
export class SubgraphUnavailableError extends Error {
  constructor(readonly service: string, reason: string) {
    super(`${service} unavailable: ${reason}`);
    this.name = 'SubgraphUnavailableError';
  }
}

/**
 * A GraphQL call from one subgraph to another, for rules that must be checked inside a write
 * (a mutation cannot wait for the gateway to join data afterwards). Carries the request id.
 */
export async function callSubgraph<Data>(
  service: string,
  url: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  options: {
    requestId?: string | null;
    timeoutMs?: number;
    signingSecret: string;
    caller: string;
    /** The callee may answer from a read replica. Off by default: a rule check decides a write on the latest commit. */
    replicaReadsAllowed?: boolean;
  },
): Promise<Data> {
  if (!url) throw new SubgraphUnavailableError(service, 'no URL configured');
  let response: Response;
  try {
    // The callee trusts only signed identities and requests; the caller signs as itself (a SERVICE),
    // the request for `service` alone, over the exact body sent, as the gateway does.
    const identity = await signIdentity(serviceIdentity(options.caller), options.signingSecret);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: identity,
      ...(options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {}),
      ...(options.replicaReadsAllowed ? {} : { [READ_PRIMARY_HEADER]: '1' }),
    };
    const body = JSON.stringify({ query, variables });
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(options.signingSecret, { audience: service, method: 'POST', path: new URL(url).pathname + new URL(url).search, headers, body });
    response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
  } catch (error) {
    throw new SubgraphUnavailableError(service, (error as Error).message);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!response.ok || !body.data || body.errors?.length) {
    throw new SubgraphUnavailableError(service, body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return body.data;
}

/** Every unit in the subtrees of `roots`, asked of personnel, which owns the org tree. */
export async function personnelSubtrees(url: string | undefined, roots: string[], options: { signingSecret: string; caller: string }): Promise<string[]> {
  const query = 'query ($ids: [ID!]!) { orgUnitSubtreeIds(ids: $ids) }';
  // Every request's scope: the org tree changes rarely, a replica's copy is as good.
  return (await callSubgraph<{ orgUnitSubtreeIds: string[] }>('personnel', url, query, { ids: roots }, { ...options, replicaReadsAllowed: true })).orgUnitSubtreeIds;
}
