export * from './database';
export * from './ports';
export * from './services';
export * from './generate';
export * from './test-template';
