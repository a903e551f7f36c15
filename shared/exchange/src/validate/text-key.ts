/** A comparison key: no diacritics (đ → d), lower case, single spaces, no trailing marks such as "(*)". */
export function textKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\(\*\)|\*/g, '')
    .replace(/[:.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Levenshtein distance, for "did you mean": short strings only (labels, codes, names). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate nearest to `text` (compared without diacritics), if it is near enough to be a likely typo. */
export function nearestMatch(text: string, candidates: Iterable<string>): string | undefined {
  const key = textKey(text);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(key, textKey(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(key.length / 3)) ? best : undefined;
}
