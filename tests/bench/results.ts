/** What every bench records beside its figures: the machine, and the JSON file in bench-results/. */
import { REPO_ROOT } from '@cadres/platform';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const machine = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
});

/** Writes `figures` to bench-results/<kind>-<time>.json (not committed) and returns the file's path. */
export function writeResults(kind: string, figures: object): string {
  const directory = join(REPO_ROOT, 'bench-results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(figures, null, 2));
  return file;
}
