import {
  IDENTITY_HEADER,
  isErrorCode,
  READ_PRIMARY_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_SIGNATURE_HEADER,
  serviceIdentity,
  signIdentity,
  signRequest,
  type ErrorCode,
} from '@cadres/core';
import { z } from 'zod';

/**
 * Another subgraph did not answer usably: down, slow, an HTTP failure, an answer of the wrong shape,
 * or GraphQL errors. `code` is the first error's `extensions.code` when the callee gave one of the
 * platform's codes, so that a caller tells "not found" from "down" by code, never by message.
 */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly service: string,
    reason: string,
    readonly code?: ErrorCode,
  ) {
    super(`${service} unavailable: ${reason}`);
    this.name = 'SubgraphUnavailableError';
  }
}

/** A GraphQL answer over HTTP, as far as a caller relies on it; `data` is checked by the caller's schema. */
const graphQLAnswer = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({ message: z.string(), extensions: z.looseObject({ code: z.unknown().optional() }).optional() }),
    )
    .optional(),
});

/**
 * A GraphQL call from one subgraph to another, for rules that must be checked inside a write
 * (a mutation cannot wait for the gateway to join data afterwards). Carries the request id. The
 * answer is validated against `schema`: another service's answer is input, not a promise, and a
 * field renamed there fails here, as a dependency failure, not as a TypeError deep in a rule.
 */
export async function callSubgraph<Schema extends z.ZodType>(
  service: string,
  url: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  schema: Schema,
  options: {
    requestId?: string | null;
    timeoutMs?: number;
    signingSecret: string;
    caller: string;
    /** The callee may answer from a read replica. Off by default: a rule check decides a write on the latest commit. */
    replicaReadsAllowed?: boolean;
  },
): Promise<z.infer<Schema>> {
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
    headers[REQUEST_SIGNATURE_HEADER] = signRequest(options.signingSecret, {
      audience: service,
      method: 'POST',
      path: new URL(url).pathname + new URL(url).search,
      headers,
      body,
    });
    response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
  } catch (error) {
    throw new SubgraphUnavailableError(service, error instanceof Error ? error.message : String(error));
  }
  const answer = graphQLAnswer.safeParse(await response.json().catch(() => undefined));
  if (!answer.success) throw new SubgraphUnavailableError(service, `HTTP ${response.status}, not a GraphQL answer`);
  const [first] = answer.data.errors ?? [];
  if (first) {
    const code = first.extensions?.code;
    throw new SubgraphUnavailableError(service, first.message, isErrorCode(code) ? code : undefined);
  }
  if (!response.ok) throw new SubgraphUnavailableError(service, `HTTP ${response.status}`);
  const data = schema.safeParse(answer.data.data);
  if (!data.success) throw new SubgraphUnavailableError(service, `unexpected answer: ${z.prettifyError(data.error)}`);
  return data.data;
}

const subtreeIds = z.object({ orgUnitSubtreeIds: z.array(z.string()) });

/** Every unit in the subtrees of `roots`, asked of personnel, which owns the org tree. */
export async function personnelSubtrees(
  url: string | undefined,
  roots: string[],
  options: { signingSecret: string; caller: string },
): Promise<string[]> {
  const query = 'query ($ids: [ID!]!) { orgUnitSubtreeIds(ids: $ids) }';
  // Every request's scope: the org tree changes rarely, a replica's copy is as good.
  return (
    await callSubgraph('personnel', url, query, { ids: roots }, subtreeIds, { ...options, replicaReadsAllowed: true })
  ).orgUnitSubtreeIds;
}
