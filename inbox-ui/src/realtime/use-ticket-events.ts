/**
 * Ticket events on the shared socket: the cached ticket and lists follow every change, and an
 * escalation raises a live alert (the ladder's "notified in the inbox").
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '../api/ticket-api';
import { applyTicket } from '../hooks/use-tickets';
import { useActiveSocket } from './socket-registry';

export interface EscalationAlert {
  seq: number;
  ticketId: string;
  number: string;
  level: number;
  reason: string;
  role: string;
}

function ticketOf(payload: unknown): Ticket | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const t = (payload as { ticket?: unknown }).ticket;
  if (typeof t !== 'object' || t === null) return null;
  const c = t as Partial<Ticket>;
  return typeof c.id === 'string' && typeof c.number === 'string' && typeof c.version === 'number' ? (t as Ticket) : null;
}

export function useTicketEvents(): { alerts: EscalationAlert[]; dismiss: (seq: number) => void } {
  const client = useQueryClient();
  const socket = useActiveSocket();
  const [alerts, setAlerts] = useState<EscalationAlert[]>([]);

  useEffect(() => {
    if (!socket) return;
    const onChange = (payload: unknown) => {
      const t = ticketOf(payload);
      if (t) applyTicket(client, t);
    };
    const onEscalated = (payload: unknown) => {
      onChange(payload);
      const t = ticketOf(payload);
      const p = payload as { seq?: unknown; level?: unknown; reason?: unknown; role?: unknown };
      if (!t || typeof p.seq !== 'number') return;
      const alert: EscalationAlert = { seq: p.seq, ticketId: t.id, number: t.number, level: Number(p.level ?? t.escalationLevel), reason: String(p.reason ?? ''), role: String(p.role ?? t.escalationRole) };
      setAlerts((list) => [alert, ...list.filter((a) => a.seq !== alert.seq)].slice(0, 5));
    };
    // After a reconnect, what was missed is fetched again.
    const onConnect = () => void client.invalidateQueries({ queryKey: ['tickets'] });
    socket.on('ticket.created', onChange);
    socket.on('ticket.updated', onChange);
    socket.on('ticket.escalated', onEscalated);
    socket.on('connect', onConnect);
    return () => {
      socket.off('ticket.created', onChange);
      socket.off('ticket.updated', onChange);
      socket.off('ticket.escalated', onEscalated);
      socket.off('connect', onConnect);
    };
  }, [socket, client]);

  return { alerts, dismiss: (seq) => setAlerts((list) => list.filter((a) => a.seq !== seq)) };
}
