// The batch result is one shape for every kind of spreadsheet, in every subgraph (shareable).
export { ImportBatchResult, ImportProblem } from '@cadres/subgraph-kit';

/** The kind under which cadre files' committed batches are recorded (import_batch.kind). */
export const CADRE_IMPORT_KIND = 'cadres';
