/**
 * The subgraph call, in one place: everything between a query plan's fetch and the bytes on the
 * wire, and the only code that leans on @apollo/gateway's extension points (`buildService`,
 * RemoteGraphQLDataSource's `process`, `willSendRequest`, `didReceiveResponse` and `fetcher`).
 * `subgraph-call.contract.unit.test.ts` pins what it relies on, so that an upgrade that changes it
 * fails there in seconds rather than as slow answers or lost identities in production.
 *
 * From the plan down:
 * - IdentityForwardingDataSource (subgraph-data-source.ts): the operation's context (read from
 *   `incomingRequestContext`, gateway-context.ts), the signed identity and request id as headers,
 *   entity fetches of concurrent operations batched into one call (entity-batching.ts) and each
 *   distinct representation sent once (entity-dedup.ts), failures turned into per-field errors.
 * - coalescingFetcher (coalesce.ts): identical queries in flight share one call; the answer's body
 *   is shared, never the Response object, so any fetcher will do.
 * - measuredFetcher (metrics.ts): each call on the wire timed once.
 * - signingFetcher (request-signing.ts): each request signed for its subgraph, below sharing, so a
 *   shared call is signed once, as the one call it is.
 * - createSubgraphFetcher (subgraph-fetcher.ts): node:http on keep-alive agents, the deadline
 *   (SUBGRAPH_TIMEOUT_MS) and the abort of abandoned calls.
 *
 * The keys deciding which calls may share are in subgraph-call-key.ts.
 */
import type { ServiceEndpointDefinition } from '@apollo/gateway';
import type { ForwardedIdentity, Logger } from '@cadres/core';
import { coalescingFetcher } from './coalesce';
import type { GatewayEnv } from './env';
import { countCoalesced, measuredFetcher } from './metrics';
import { signingFetcher } from './request-signing';
import { IdentityForwardingDataSource } from './subgraph-data-source';
import { createSubgraphFetcher } from './subgraph-fetcher';

export type SubgraphCallSettings = Pick<
  GatewayEnv,
  'SUBGRAPH_TIMEOUT_MS' | 'INTERNAL_SIGNING_SECRET' | 'COALESCE_SUBGRAPH_QUERIES' | 'BATCH_ENTITY_FETCHES'
>;

/** ApolloGateway's `buildService`: one data source per subgraph, all sharing one fetcher chain. */
export function subgraphServices(
  env: SubgraphCallSettings,
  urls: Record<string, string>,
  signIdentityHeader: (identity: ForwardedIdentity) => Promise<string>,
  logger: Logger,
): (service: ServiceEndpointDefinition) => IdentityForwardingDataSource {
  const signedFetcher = measuredFetcher(
    signingFetcher(createSubgraphFetcher(env.SUBGRAPH_TIMEOUT_MS), env.INTERNAL_SIGNING_SECRET, urls),
    urls,
  );
  const fetcher =
    env.COALESCE_SUBGRAPH_QUERIES === 'on' ? coalescingFetcher(signedFetcher, countCoalesced(urls)) : signedFetcher;
  // The committed supergraph names development URLs; the environment decides where subgraphs live.
  return ({ name, url }) =>
    new IdentityForwardingDataSource(
      urls[name] ?? url!,
      signIdentityHeader,
      fetcher,
      env.BATCH_ENTITY_FETCHES === 'on',
      name,
      logger,
    );
}
