import { must } from '@cadres/core';

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
  // One row of the table at a time; walking the previous row's entries keeps every read in range.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let diagonal = i - 1; // previous[j - 1]
    let left = i; // current[j - 1]
    for (const [j, above] of previous.entries()) {
      if (j === 0) continue;
      left = Math.min(above + 1, left + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
      current.push(left);
    }
    previous = current;
  }
  return must(previous.at(-1), 'a row has b.length + 1 entries');
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
