import { LruCache } from './lru-cache';

describe('LruCache', () => {
  const later = Date.now() + 60_000;

  it('forgets the least recently used entry first', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1, later);
    cache.set('b', 2, later);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3, later);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('forgets an entry at its expiry', () => {
    const cache = new LruCache<number>(10);
    cache.set('a', 1, 1_000);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('bounds the total weight, and keeps nothing heavier than itself', () => {
    const cache = new LruCache<string>(10, (value) => value.length);
    cache.set('a', 'xxxx', later);
    cache.set('b', 'yyyy', later);
    cache.set('c', 'zzzz', later); // 12 > 10: a goes
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'yyyy', 'zzzz']);
    cache.set('huge', 'x'.repeat(11), later);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('keeps nothing with no room at all (a cache turned off)', () => {
    const cache = new LruCache<number>(0);
    cache.set('a', 1, later);
    expect(cache.get('a')).toBeUndefined();
  });
});
