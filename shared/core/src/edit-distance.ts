import { must } from './must';

/** Levenshtein distance, for "did you mean": short strings only (labels, codes, names); the
 * import checks of shared/exchange and of personnel both use it. */
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
