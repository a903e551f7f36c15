import { useCallback, useSyncExternalStore } from 'react';

/**
 * A minimal router: the page is the path under /dashboard, the filters are the query string, so
 * every view is a deep link that can be bookmarked, shared and reloaded.
 */
const BASE = '/dashboard';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `replace`: instead of the current history entry (e.g. the sign-in callback, not worth going back to). */
export function navigate(path: string, params: Record<string, string | undefined> = {}, replace = false): void {
  const search = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const query = search.toString();
  const url = `${BASE}${path}${query ? `?${query}` : ''}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; params: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : '/';
  return { path: path.replace(/\/+$/, '') || '/', params: url.searchParams };
}

/** The filters of the current page, read from and written to the URL. */
export function useFilters<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (next: Partial<Record<K, string>>) => void] {
  const { path, params } = useLocation();
  const values = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => [key, params.get(key) ?? fallback]),
  ) as Record<K, string>;
  const set = useCallback(
    (next: Partial<Record<K, string>>) => {
      const merged = { ...Object.fromEntries(params.entries()), ...next } as Record<string, string | undefined>;
      navigate(path, merged);
    },
    [path, params],
  );
  return [values, set];
}
