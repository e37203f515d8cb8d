import { useCallback, useSyncExternalStore } from 'react';

/** The open conversation lives in the URL hash (`#/c/<id>`), so a reload or a link keeps it. */
const PREFIX = '#/c/';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readSelected(): string | null {
  const hash = window.location.hash;
  if (!hash.startsWith(PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(PREFIX.length));
  return id || null;
}

export function useSelectedConversation(): [string | null, (id: string | null) => void] {
  const selected = useSyncExternalStore(subscribe, readSelected);
  const select = useCallback((id: string | null) => {
    window.location.hash = id ? `${PREFIX}${encodeURIComponent(id)}` : '';
  }, []);
  return [selected, select];
}
