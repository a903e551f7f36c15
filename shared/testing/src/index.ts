export * from './graphql-client';
export * from './subgraph-harness';
export * from './service-process';
export * from './row-factory';
export * from './replicated-postgres';
export * from './subgraph-fixture';
export * from './migration-round-trip';
export * from './refusal-reasons';
