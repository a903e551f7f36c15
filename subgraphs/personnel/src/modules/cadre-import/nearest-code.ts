import { editDistance } from '@cadres/core';

/** The known code nearest to an unknown one (case and separators ignored), when it is close enough to be a typo. */
export function nearestCode(code: string, known: Iterable<string>): string | undefined {
  const key = (text: string) => text.toUpperCase().replace(/[\s_.-]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(key(code), key(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(code.length / 3)) ? best : undefined;
}
