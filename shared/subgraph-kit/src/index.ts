import 'reflect-metadata';

export * from './database';
export * from './federation';
export * from './loaders';
export * from './sql-statements';
export * from './subgraph-server';
export * from './pagination';
export * from './subgraph';
export * from './rule-settings';
export * from './payload';
export * from './subgraph-client';
export * from './transactions';
export * from './rule-settings.resolver';
export * from './authorization';
export * from './audit';
export * from './standards';
export * from './bulk-load';
export * from './generate';
