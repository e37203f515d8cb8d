/**
 * Where the forum staff screens are, in the URL hash: `#/forum` the review queue,
 * `#/forum/i/<item>` one item, `#/forum/units` unit claims, `#/forum/settings` settings.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type ForumRoute = { view: 'queue'; itemId: string | null } | { view: 'units' } | { view: 'settings' } | null;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseForumHash(hash: string): ForumRoute {
  if (hash === '#/forum' || hash === '#/forum/') return { view: 'queue', itemId: null };
  if (hash === '#/forum/units') return { view: 'units' };
  if (hash === '#/forum/settings') return { view: 'settings' };
  const item = /^#\/forum\/i\/([^/]+)$/.exec(hash);
  if (item?.[1]) return { view: 'queue', itemId: decodeURIComponent(item[1]) };
  return null;
}

export function forumHash(route: Exclude<ForumRoute, null>): string {
  if (route.view === 'units') return '#/forum/units';
  if (route.view === 'settings') return '#/forum/settings';
  return route.itemId ? `#/forum/i/${encodeURIComponent(route.itemId)}` : '#/forum';
}

export function useForumRoute(): [ForumRoute, (route: ForumRoute) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const go = useCallback((route: ForumRoute) => {
    window.location.hash = route ? forumHash(route) : '';
  }, []);
  return [parseForumHash(hash), go];
}
