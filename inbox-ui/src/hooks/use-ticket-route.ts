/**
 * Where the ticket screens are, in the URL hash so a reload or a link keeps it:
 * `#/t` the board, `#/t/d/<department>` a department's queue, `#/t/<ticket>` one ticket.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type TicketRoute = { view: 'board' } | { view: 'queue'; departmentId: string } | { view: 'ticket'; ticketId: string } | null;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function read(): string {
  return window.location.hash;
}

export function parseTicketHash(hash: string): TicketRoute {
  if (hash === '#/t' || hash === '#/t/') return { view: 'board' };
  const queue = /^#\/t\/d\/([^/]+)$/.exec(hash);
  if (queue?.[1]) return { view: 'queue', departmentId: decodeURIComponent(queue[1]) };
  const ticket = /^#\/t\/([^/]+)$/.exec(hash);
  if (ticket?.[1]) return { view: 'ticket', ticketId: decodeURIComponent(ticket[1]) };
  return null;
}

export function ticketHash(route: Exclude<TicketRoute, null>): string {
  if (route.view === 'board') return '#/t';
  if (route.view === 'queue') return `#/t/d/${encodeURIComponent(route.departmentId)}`;
  return `#/t/${encodeURIComponent(route.ticketId)}`;
}

export function useTicketRoute(): [TicketRoute, (route: TicketRoute) => void] {
  const hash = useSyncExternalStore(subscribe, read);
  const go = useCallback((route: TicketRoute) => {
    window.location.hash = route ? ticketHash(route) : '';
  }, []);
  return [parseTicketHash(hash), go];
}
