export * from './graphql-client';
export * from './subgraph-harness';
