/**
 * Our gateway's federation layer on the public workload: @apollo/gateway's planner with our
 * subgraph call (subgraph-call.ts in the gateway: entity fetches of concurrent operations batched,
 * each distinct entity sent once, identical calls in flight shared, keep-alive node:http fetcher,
 * each call signed), with the gateway's own settings (its environment schema's defaults), in Apollo
 * Server's standalone server as stock @apollo/gateway is, so that the HTTP layer is the same and
 * the difference is the federation layer. The client's authentication is left out (the public
 * workload sends no token): every operation runs under one fixed ADMIN identity, which our
 * subgraph call signs into each call as in production (the static subgraphs ignore it; the
 * signing is work the other gateways here do not do). Identical client operations in flight are
 * answered by one execution, as the gateway's /graphql handler does (operation-sharing.ts; Hive
 * Gateway's `inboundInflightRequestDeduplication`, on in its configs here): Apollo Server's
 * `executeHTTPGraphQLRequest`, which the standalone server calls, goes through it. SHARING=off
 * turns that, batching and the sharing of identical calls off, to show what they are worth.
 * WORKERS processes.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createLogger, loadEnvOrExit, Role, type ForwardedIdentity } from '@cadres/core';
import { gatewayEnvSchema } from '@cadres/gateway/dist/env';
import type { GatewayContext } from '@cadres/gateway/dist/gateway-context';
import { createIdentitySigner } from '@cadres/gateway/dist/identity-header';
import { OperationSharing } from '@cadres/gateway/dist/operation-sharing';
import { subgraphServices } from '@cadres/gateway/dist/subgraph-call';
import { randomUUID } from 'node:crypto';
import { serveInWorkers } from '../gateway-process';
import { publicSupergraph } from './supergraph';

const IDENTITY: ForwardedIdentity = {
  subject: 'bench-gateway-only',
  role: Role.ADMIN,
  agency: null,
  scopes: [],
  units: null,
};
const SUBGRAPHS = ['accounts', 'inventory', 'products', 'reviews'];

/** Apollo Server whose HTTP entry point shares identical operations in flight, as the gateway's handler does. */
class SharingServer extends ApolloServer<GatewayContext> {
  constructor(
    gateway: ApolloGateway,
    private readonly sharing = new OperationSharing(),
  ) {
    super({ gateway, plugins: [sharing.plugin()] });
  }

  override async executeHTTPGraphQLRequest(args: {
    httpGraphQLRequest: HTTPGraphQLRequest;
    context: () => Promise<GatewayContext>;
  }): Promise<HTTPGraphQLResponse> {
    return this.sharing.execute(args.httpGraphQLRequest, await args.context(), (own) =>
      super.executeHTTPGraphQLRequest({ httpGraphQLRequest: args.httpGraphQLRequest, context: async () => own }),
    );
  }
}

serveInWorkers(async () => {
  const env = loadEnvOrExit(gatewayEnvSchema, 'gateway-only');
  const sharing = process.env.SHARING === 'off' ? 'off' : 'on';
  const origin = process.env.SUBGRAPHS_ORIGIN!;
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `${origin}/${name}`]));
  const gateway = new ApolloGateway({
    supergraphSdl: publicSupergraph(origin),
    experimental_approximateQueryPlanStoreMiB: env.QUERY_PLAN_CACHE_MB,
    buildService: subgraphServices(
      { ...env, COALESCE_SUBGRAPH_QUERIES: sharing, BATCH_ENTITY_FETCHES: sharing },
      urls,
      createIdentitySigner(env.INTERNAL_SIGNING_SECRET, env.IDENTITY_CACHE_SECONDS * 1000),
      createLogger('gateway-only', 'warn'),
    ),
  });
  const server = sharing === 'on' ? new SharingServer(gateway) : new ApolloServer<GatewayContext>({ gateway });
  await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
    context: async () => ({ requestId: randomUUID(), identity: IDENTITY, sqlStatements: 0 }),
  });
  return server;
});
