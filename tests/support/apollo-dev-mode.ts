/**
 * Apollo Client 4 reads `globalThis.__DEV__` once, when it loads, to decide whether to check the
 * cache and warn (a bundler's "development" condition does the same in an application): imported
 * before @apollo/client so that the tests see every warning a developer would.
 */
(globalThis as { __DEV__?: boolean }).__DEV__ = true;

export {};
