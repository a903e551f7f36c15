/**
 * The floor: the subgraphs called directly, with no gateway between the client and them, i.e.
 * what any gateway's figures can at best approach on this machine.
 *
 * Recording: before a scenario is measured, an in-process @apollo/gateway (the planner both ours
 * and stock use, on the same supergraph, so the same plans) executes a set of that scenario's
 * requests against the real subgraphs. A data source records each subgraph fetch as it is sent
 * (URL, query, variables — entity representations included), and the query plan each operation
 * was executed with tells which of its fetches ran one after another (Sequence) and which at once
 * (Parallel). Replaying: each request of the floor target is one recorded operation, its fetches
 * sent straight to the subgraphs in the plan's order, parallel branches with Promise.all, the
 * recordings taken round-robin. Writes are replayed as recorded (the same update again).
 */
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type Experimental_DidResolveQueryPlanCallback,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { renewing, signBenchIdentity, signedCallHeaders } from './gateway-process';
import { postGraphQL, type Send } from './load';
import { must } from '@cadres/core';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** One subgraph fetch, ready to send again (signed again when it is). */
interface Fetch {
  service: string;
  url: string;
  body: string;
}

/** One operation's fetches, in the order and with the parallelism its query plan ran them. */
export type Replay = Fetch | { sequence: Replay[] } | { parallel: Replay[] };

/** What an operation did while it was recorded: its plan, and its fetches in the order they started. */
interface Recording {
  plan?: QueryPlan;
  fetches: (Fetch & { operation: string })[];
}

/**
 * The plan's tree with each Fetch node replaced by the fetch it made; nodes that made none (an
 * entity fetch with no entities to resolve, the branch of a condition not taken) drop out.
 */
function replayOf(node: PlanNode, fetches: Recording['fetches']): Replay | null {
  switch (node.kind) {
    case 'Fetch': {
      const index = fetches.findIndex((f) => f.service === node.serviceName && f.operation === node.operation);
      if (index < 0) return null;
      const { service, url, body } = must(fetches.splice(index, 1)[0], 'the index found above');
      return { service, url, body };
    }
    case 'Flatten':
      return replayOf(node.node, fetches);
    case 'Sequence':
    case 'Parallel': {
      const steps = node.nodes.map((child) => replayOf(child, fetches)).filter((step) => step !== null);
      if (steps.length <= 1) return steps[0] ?? null;
      return node.kind === 'Sequence' ? { sequence: steps } : { parallel: steps };
    }
    case 'Condition': {
      const taken = [node.ifClause, node.elseClause]
        .map((clause) => clause && replayOf(clause, fetches))
        .filter((step) => step);
      return taken[0] ?? null;
    }
    default:
      throw new Error(`the floor cannot replay a ${node.kind} plan node`);
  }
}

/** An in-process @apollo/gateway that records what it sends to the subgraphs. */
export async function startRecorder(supergraphSdl: string, urls: Record<string, string>) {
  // Each recorded operation's context carries its recording, which the gateway hands both to the
  // plan callback and to every data source call of that operation (Apollo Server copies the
  // context object, not what it holds).
  const recordingOf = (context: Record<string, unknown>) => context.recording as Recording | undefined;
  class RecordingDataSource extends RemoteGraphQLDataSource {
    constructor(
      readonly service: string,
      url: string,
    ) {
      // Node's fetch, not the default make-fetch-happen: that one keeps idle connections with no
      // timeout of its own, and one reused just as the subgraph closes it (5 s idle) fails with
      // "socket hang up"; during the long national statistics that happened, and ended the run.
      // Each call signed as it is sent, over its final body.
      super({
        url,
        fetcher: async (input, init = {}) => {
          const headers = signedCallHeaders(
            await signBenchIdentity('bench-floor-recorder'),
            service,
            input,
            String(init.body ?? ''),
            init.headers,
          );
          return fetch(input, { ...(init as RequestInit), headers });
        },
      });
    }
    override process(options: GraphQLDataSourceProcessOptions) {
      // Only an operation's fetches (not health checks) come with the incoming request's context.
      if ('incomingRequestContext' in options) {
        const { query = '', variables, operationName } = options.request;
        recordingOf(options.context)?.fetches.push({
          service: this.service,
          operation: query,
          url: this.url,
          body: JSON.stringify({ query, variables, operationName }),
        });
      }
      return super.process(options);
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new RecordingDataSource(name, must(urls[name] ?? url, 'every subgraph has a URL')),
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      const recording = recordingOf(requestContext.context);
      if (recording) recording.plan = queryPlan;
    },
  });
  const server = new ApolloServer({ gateway });
  await server.start();

  async function recordOne(request: GraphQLRequest): Promise<Replay> {
    const recording: Recording = { fetches: [] };
    const response = await server.executeOperation(request, { contextValue: { recording } });
    if (response.body.kind !== 'single' || response.body.singleResult.errors)
      throw new Error(`recording failed: ${JSON.stringify(response.body)}`);
    const replay = recording.plan?.node && replayOf(recording.plan.node, recording.fetches);
    if (!replay || recording.fetches.length > 0)
      throw new Error(`the recorded fetches do not match the query plan of ${request.query}`);
    return replay;
  }

  return {
    /** Executes the requests through the gateway, a few at a time, and returns what each sent. */
    async record(requests: GraphQLRequest[], concurrency = 8): Promise<Replay[]> {
      const replays: Replay[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < requests.length; i = next++)
            replays[i] = await recordOne(must(requests[i], 'i < requests.length'));
        }),
      );
      return replays;
    },
    stop: () => server.stop(),
  };
}

async function run(replay: Replay, send: (fetch: Fetch) => Promise<void>): Promise<void> {
  if ('parallel' in replay) await Promise.all(replay.parallel.map((step) => run(step, send)));
  else if ('sequence' in replay) for (const step of replay.sequence) await run(step, send);
  else await send(replay);
}

/** The floor as a load target: each request replays the next recording, its SQL the sum of its fetches'. */
export function floorTarget(replays: Replay[]): Send {
  // Identities last 60 s: signed again every 30 s, so the floor measures the subgraphs, not signing.
  const signed = renewing(() => signBenchIdentity('bench-floor'), 30_000);
  let next = 0;
  return async () => {
    const identity = await signed();
    const outcome = { ok: true, sql: 0 };
    await run(must(replays[next++ % replays.length], 'modulo the length'), async (fetch) => {
      // Each fetch is signed as it is sent (seconds to live), as any gateway does.
      const { ok, sql } = await postGraphQL(fetch.url, {
        body: fetch.body,
        headers: signedCallHeaders(identity, fetch.service, fetch.url, fetch.body),
      });
      outcome.ok &&= ok;
      outcome.sql += sql ?? 0;
    });
    return outcome;
  };
}
