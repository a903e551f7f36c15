/**
 * The baseline for the benchmarks: stock @apollo/gateway with default settings, on the same
 * supergraph and subgraphs as ours. The only addition is the signed identity header, without which
 * the subgraphs refuse every request; it signs one fixed ADMIN identity, so it costs less than our
 * gateway's per-request authentication.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { DEV_INTERNAL_SIGNING_SECRET, IDENTITY_HEADER, Role, signIdentity, type Identity } from '@cadres/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BENCH_IDENTITY: Identity = { subject: 'bench-stock-gateway', role: Role.ADMIN, agency: null, scopes: [], units: null };

async function main(): Promise<void> {
  const secret = process.env.INTERNAL_SIGNING_SECRET ?? DEV_INTERNAL_SIGNING_SECRET;
  const urls: Record<string, string | undefined> = {
    personnel: process.env.PERSONNEL_URL,
    training: process.env.TRAINING_URL,
    planning: process.env.PLANNING_URL,
  };
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', '..', '..', 'gateway', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: urls[name] ?? url,
        async willSendRequest({ request }) {
          request.http?.headers.set(IDENTITY_HEADER, await signIdentity(BENCH_IDENTITY, secret));
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
  process.stdout.write(`stock gateway on ${url}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
