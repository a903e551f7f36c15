export * from './graphql-client';
export * from './subgraph-harness';
export * from './service-process';
export * from './personnel-rows';
export * from './refusal-reasons';
