/**
 * Contract tests: what the gateway's subgraph call (subgraph-call.ts) relies on in @apollo/gateway,
 * pinned against the real library, two real subgraphs over HTTP, in a few seconds. When an upgrade
 * changes any of it, this file fails, naming the assumption, instead of the speed-ups silently
 * turning off (or identities silently not being forwarded) in production.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { execute, parse, type DocumentNode } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INCOMING_OPERATION, operationContextOf, withOperationContext, type GatewayContext } from './gateway-context';

const CADRES = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { cadres: [Cadre!]! }
  type Cadre @key(fields: "id") { id: ID! name: String! unit: Unit! }
  type Unit @key(fields: "id", resolvable: false) { id: ID! }
`);
const UNITS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Unit @key(fields: "id") { id: ID! title: String! }
`);

/** A subgraph on a real port, answering POSTed GraphQL with its schema, counting statements like ours. */
async function serveSubgraph(
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap,
): Promise<{ url: string; server: Server }> {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const answer = async () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const result = await execute({ schema, document: parse(query), variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json', 'x-sql-statements': '1' }).end(JSON.stringify(result));
    };
    // A failed answer fails the test through the client's request; nothing else awaits it.
    req.on('end', () => void answer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

interface Seen {
  processed: {
    service: string;
    kind: string;
    context: GatewayContext | undefined;
    sameAsDeprecated: boolean;
    variables: Record<string, unknown> | undefined;
  }[];
  willSend: { service: string; hasHeaderMap: boolean; context: GatewayContext | undefined }[];
  fetched: { service: string; init: unknown }[];
  received: { service: string; statements: string | null | undefined; context: unknown }[];
}

/** A stock RemoteGraphQLDataSource that records every hook @apollo/gateway calls, and with what. */
class RecordingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly service: string,
    private readonly seen: Seen,
  ) {
    super({
      url,
      fetcher: (async (target: string, init: unknown) => {
        seen.fetched.push({ service, init });
        return globalThis.fetch(target, init as RequestInit);
      }) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    this.seen.processed.push({
      service: this.service,
      kind: options.kind,
      context: operationContextOf(options),
      sameAsDeprecated: operationContextOf(options) === options.context,
      variables: options.request.variables,
    });
    return super.process(options);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    this.seen.willSend.push({
      service: this.service,
      hasHeaderMap: typeof options.request.http?.headers.set === 'function',
      context: operationContextOf(options),
    });
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    this.seen.received.push({
      service: this.service,
      statements: response.http?.headers.get('x-sql-statements'),
      context,
    });
    return response;
  }
}

describe('@apollo/gateway, as the subgraph call relies on it', () => {
  const seen: Seen = { processed: [], willSend: [], fetched: [], received: [] };
  const servers: Server[] = [];
  let apollo: ApolloServer<GatewayContext>;
  /** The operation's context as Apollo Server's plugins see it (a copy of the contextValue passed in). */
  let operationContext: GatewayContext | undefined;
  const context: GatewayContext = {
    requestId: 'contract',
    identity: {
      subject: 's',
      role: 'ADMIN',
      agency: null,
      scopes: [],
      unitRoots: [],
    } as unknown as GatewayContext['identity'],
    sqlStatements: 0,
  };

  beforeAll(async () => {
    const cadres = await serveSubgraph(CADRES, {
      Query: {
        cadres: () => [1, 2, 3].map((n) => ({ id: `c${n}`, name: `Cadre ${n}`, unit: { id: n === 3 ? 'u2' : 'u1' } })),
      },
    });
    const units = await serveSubgraph(UNITS, {
      Unit: { __resolveReference: ({ id }: { id: string }) => ({ id, title: `Unit ${id}` }) },
    });
    servers.push(cadres.server, units.server);
    const composition = composeServices([
      { name: 'cadres', url: cadres.url, typeDefs: CADRES },
      { name: 'units', url: units.url, typeDefs: UNITS },
    ]);
    if (composition.errors) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    const gateway = new ApolloGateway({
      supergraphSdl: composition.supergraphSdl,
      buildService: ({ name, url }) => new RecordingDataSource(url!, name, seen),
    });
    apollo = new ApolloServer<GatewayContext>({
      gateway,
      plugins: [
        {
          requestDidStart: async () => ({
            willSendResponse: async ({ contextValue }) => void (operationContext = contextValue),
          }),
        },
      ],
    });
    await apollo.start();
    const result = await apollo.executeOperation(
      { query: '{ cadres { name unit { title } } }' },
      { contextValue: context },
    );
    const answer = result.body.kind === 'single' ? result.body.singleResult : null;
    expect(answer?.errors).toBeUndefined();
    expect(answer).toMatchObject({
      data: {
        cadres: [{ unit: { title: 'Unit u1' } }, { unit: { title: 'Unit u1' } }, { unit: { title: 'Unit u2' } }],
      },
    });
  });

  afterAll(async () => {
    await apollo?.stop();
    for (const server of servers) server.close();
  });

  it('builds one data source per subgraph with buildService, and calls process once per fetch of the plan', () => {
    expect(seen.processed.map((p) => p.service)).toEqual(['cadres', 'units']);
  });

  it('hands process the operation under the documented incomingRequestContext.context: the operation context object plugins see', () => {
    for (const call of seen.processed) {
      expect(call.kind).toBe(INCOMING_OPERATION);
      // The very object the server's plugins see: what the data source adds to it (the SQL
      // statements) reaches the response's x-sql-statements header.
      expect(call.context).toBe(operationContext);
      expect(call.context?.requestId).toBe(context.requestId);
      // withOperationContext sets both, because RemoteGraphQLDataSource still reads the deprecated one.
      expect(call.sameAsDeprecated).toBe(true);
    }
  });

  it('sends every occurrence of an entity as its own representation in variables.representations (what entity-dedup.ts undoes)', () => {
    const entities = seen.processed.find((p) => p.service === 'units')!;
    expect(entities.variables?.representations).toEqual([
      { __typename: 'Unit', id: 'u1' },
      { __typename: 'Unit', id: 'u1' },
      { __typename: 'Unit', id: 'u2' },
    ]);
  });

  it('calls willSendRequest with the context and a header map we can set, before the fetcher', () => {
    expect(seen.willSend.map((w) => [w.service, w.hasHeaderMap, w.context === operationContext])).toEqual([
      ['cadres', true, true],
      ['units', true, true],
    ]);
  });

  it('calls the fetcher with a plain-object init: a JSON string body and a record of headers (what signing, coalescing and the call signal read)', () => {
    for (const { init } of seen.fetched) {
      const { body, headers } = init as { body: unknown; headers: unknown };
      expect(typeof body).toBe('string');
      expect(JSON.parse(body as string)).toEqual(expect.objectContaining({ query: expect.any(String) }));
      expect(headers).toEqual(expect.objectContaining({ 'content-type': 'application/json' }));
      expect(headers instanceof Headers).toBe(false);
    }
  });

  it("calls didReceiveResponse with the fetcher's response headers and the process options' context", () => {
    expect(seen.received.map((r) => [r.service, r.statements, r.context === operationContext])).toEqual([
      ['cadres', '1', true],
      ['units', '1', true],
    ]);
  });

  it('withOperationContext moves a call to another context in both places RemoteGraphQLDataSource and we read', () => {
    const options = {
      kind: INCOMING_OPERATION,
      request: {},
      context,
      incomingRequestContext: { context },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    const other: GatewayContext = { ...context, requestId: 'other' };
    const moved = withOperationContext(options, other);
    expect(operationContextOf(moved)).toBe(other);
    expect(moved.context).toBe(other);
  });
});
