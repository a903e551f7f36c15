export * from './cell-values';
export * from './problem';
export * from './text-key';
export * from './validate-rows';
