export * from './cell';
export * from './file-error';
export * from './limits';
export * from './read-rows';
export type { CsvEncoding } from './csv-reader';
export type { FileFormat } from './detect';
