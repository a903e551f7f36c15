/**
 * The value where the code's own logic guarantees one (an index inside a length it checked, a key
 * it put in a map a line above), now that `noUncheckedIndexedAccess` types such reads as possibly
 * undefined. A broken guarantee then fails at this spot with the reason, not as an `undefined`
 * read several calls later; a `!` would say nothing and check nothing.
 */
export function must<T>(value: T | undefined, why: string): T {
  if (value === undefined) throw new Error(`Expected a value: ${why}`);
  return value;
}
