/**
 * The one socket.io connection, shared: useRealtime owns it (connect, catch-up, cache), the
 * workspace hooks listen and send on it (presence, typing, viewing, notifications).
 */
import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';

let active: Socket | null = null;
const listeners = new Set<() => void>();

export function setActiveSocket(socket: Socket | null): void {
  active = socket;
  for (const l of listeners) l();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function useActiveSocket(): Socket | null {
  return useSyncExternalStore(subscribe, () => active);
}
