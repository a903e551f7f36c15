/**
 * The public workload's four subgraphs (accounts, inventory, products, reviews), one process on
 * PORT, each at its path as the public benchmark serves them (`/accounts`, …), answering from
 * data.ts with the answers the public subgraphs give. So that the gateways are what is measured,
 * each distinct request body is executed once (parse, validate, execute with @apollo/subgraph) and
 * its answer kept as bytes: the same body again is answered from memory, a static answer, as cheap
 * as the public benchmark's Rust subgraphs make it. Tells its parent "ready" once it listens.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createServer } from 'node:http';
import { IN_STOCK, PRODUCTS, REVIEWS, USERS } from './data';

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key", "@external", "@requires", "@provides", "@shareable"])`;

type Review = (typeof REVIEWS)[number];
const reviewsOf = (upc: string) => REVIEWS.filter((review) => review.upc === upc);
/** The public reviews subgraph: every user it resolves has the first two reviews. */
const AUTHORED = REVIEWS.slice(0, 2);

const subgraph = (typeDefs: string, resolvers: Record<string, Record<string, unknown>>): GraphQLSchema =>
  buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION}\n${typeDefs}`), resolvers: resolvers as never }]);

const SCHEMAS: Record<string, GraphQLSchema> = {
  accounts: subgraph(
    `type Query { me: User user(id: ID!): User users: [User] }
     type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
    {
      Query: {
        me: () => USERS[0],
        user: (_: unknown, { id }: { id: string }) => USERS.find((user) => user.id === id),
        users: () => USERS,
      },
      User: { __resolveReference: ({ id }: { id: string }) => USERS.find((user) => user.id === id) },
    },
  ),
  inventory: subgraph(
    `type Product @key(fields: "upc") {
       upc: String! weight: Int @external price: Int @external inStock: Boolean
       shippingEstimate: Int @requires(fields: "price weight")
     }`,
    {
      Product: {
        // As the public subgraph: the entity is its own stored row, without the required price
        // and weight, so the estimate is null (the public benchmark's expected answer says so).
        __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: IN_STOCK[upc] ?? null }),
        shippingEstimate: () => null,
      },
    },
  ),
  products: subgraph(
    `type Query { topProducts(first: Int = 5): [Product] }
     type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((product) => product.upc === upc) },
    },
  ),
  reviews: subgraph(
    `type Review @key(fields: "id") { id: ID! body: String product: Product author: User @provides(fields: "username") }
     type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
     type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    {
      Review: {
        __resolveReference: ({ id }: { id: string }) => REVIEWS.find((review) => review.id === id),
        product: (review: Review) => ({ upc: review.upc }),
        author: () => ({ id: '1', username: 'urigo' }),
      },
      User: {
        __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
        reviews: () => AUTHORED,
      },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
        reviews: ({ upc }: { upc: string }) => reviewsOf(upc),
      },
    },
  ),
};

/** Answers kept by path and body; bounded, past which a body is executed every time. */
const MAX_KEPT = 10_000;
const kept = new Map<string, Buffer>();
const documents = new Map<string, DocumentNode>();

async function answer(schema: GraphQLSchema, body: string): Promise<Buffer> {
  const { query, variables, operationName } = JSON.parse(body) as {
    query: string;
    variables?: Record<string, unknown>;
    operationName?: string;
  };
  let document = documents.get(query);
  if (!document) {
    document = parse(query);
    const errors = validate(schema, document);
    if (errors.length) return Buffer.from(JSON.stringify({ errors }));
    documents.set(query, document);
  }
  const result = await execute({ schema, document, variableValues: variables, operationName });
  return Buffer.from(JSON.stringify(result));
}

const server = createServer((req, res) => {
  const schema = SCHEMAS[(req.url ?? '').slice(1)];
  if (req.method !== 'POST' || !schema) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const key = `${req.url}\n${body}`;
    const hit = kept.get(key);
    const reply = (bytes: Buffer) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes);
    if (hit) return reply(hit);
    answer(schema, body).then(
      (bytes) => {
        if (kept.size < MAX_KEPT) kept.set(key, bytes);
        reply(bytes);
      },
      (error: unknown) => res.writeHead(400).end(JSON.stringify({ errors: [{ message: String(error) }] })),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.once('disconnect', () => server.close(() => process.exit(0)));
