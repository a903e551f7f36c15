/**
 * Bounds on what one import reads, so that no file (a 100 MB upload, a sheet whose used range runs
 * to row 1,048,576) can exhaust memory or time. Rows are streamed, never held whole; these caps
 * make a mistaken file fail early with a clear message.
 */
export interface ReadLimits {
  /** Bytes on disk. */
  maxFileBytes: number;
  /** Rows with data (empty rows do not count). */
  maxDataRows: number;
  /** Columns read per row; cells to the right are ignored. */
  maxColumns: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxDataRows: 200_000,
  maxColumns: 64,
};
