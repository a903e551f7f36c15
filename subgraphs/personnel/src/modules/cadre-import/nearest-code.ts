/** Levenshtein distance on short strings (unit codes). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The known code nearest to an unknown one (case and separators ignored), when it is close enough to be a typo. */
export function nearestCode(code: string, known: Iterable<string>): string | undefined {
  const key = (text: string) => text.toUpperCase().replace(/[\s_.-]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key(code), key(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(code.length / 3)) ? best : undefined;
}
