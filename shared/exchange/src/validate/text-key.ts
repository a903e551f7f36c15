import { editDistance } from '@cadres/core';

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
