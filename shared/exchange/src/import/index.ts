export * from './batches';
export * from './cadre-import-api';
export * from './gateway-client';
export * from './run-import';
