/** The ticket API (工单) as the inbox reads it: shapes and calls. */
import type { TicketView } from '../../../src/services/tickets/ticket-views';
import { apiRequest } from './client';

export type TicketStatus = 'new' | 'dispatched' | 'in_progress' | 'on_hold' | 'resolved' | 'followed_up' | 'closed' | 'reopened';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketCategory = 'repair' | 'complaint' | 'inquiry' | 'suggestion';
export const TICKET_CATEGORIES: TicketCategory[] = ['repair', 'complaint', 'inquiry', 'suggestion'];
export const TICKET_PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface Ref {
  id: string;
  name: string;
}

export interface SlaTarget {
  state: 'ok' | 'at_risk' | 'breached';
  done: boolean;
  dueAt: string;
  riskAt: string;
  percentUsed: number;
  minutesLeft: number;
}

/** The server's ticket view: one definition, shared as a type only (nothing server-side is bundled). */
export type Ticket = TicketView;

export interface TicketDetail extends Ticket {
  history: { from: TicketStatus | null; to: TicketStatus; actor: { type: string; id: string | null; name: string | null }; note: string | null; at: string }[];
  escalations: { level: number; reason: string; target: string | null; role: string; climbed: boolean; at: string }[];
  notifications: { kind: string; channel: string; status: string; recipient: Ref | null; detail: string | null; createdAt: string }[];
}

export interface Department {
  id: string;
  key: string | null;
  name: string;
  active: boolean;
  head: Ref | null;
  members: Ref[];
}

export interface NewTicket {
  category: TicketCategory;
  priority: TicketPriority;
  departmentId: string;
  summary: string;
  location?: string | null;
}

export interface TicketFilter {
  status: 'open' | 'all' | TicketStatus;
  departmentId?: string;
  conversationId?: string;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (f: TicketFilter) => ['tickets', 'list', f] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  departments: ['departments'] as const,
};

const enc = encodeURIComponent;

export function fetchTickets(f: TicketFilter, signal?: AbortSignal): Promise<Ticket[]> {
  const q = new URLSearchParams({ status: f.status });
  if (f.departmentId) q.set('departmentId', f.departmentId);
  if (f.conversationId) q.set('conversationId', f.conversationId);
  return apiRequest<{ data: Ticket[] }>(`/api/tickets?${q.toString()}`, { signal }).then((r) => r.data);
}

export function fetchTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return apiRequest<TicketDetail>(`/api/tickets/${enc(id)}`, { signal });
}

export function fetchDepartments(signal?: AbortSignal): Promise<Department[]> {
  return apiRequest<{ data: Department[] }>('/api/departments', { signal }).then((r) => r.data);
}

export function createTicket(conversationId: string, body: NewTicket): Promise<Ticket> {
  return apiRequest<Ticket>(`/api/conversations/${enc(conversationId)}/tickets`, { method: 'POST', body });
}

export function patchTicket(id: string, body: { version: number; status?: TicketStatus; assigneeId?: string | null; departmentId?: string; note?: string }): Promise<Ticket> {
  return apiRequest<Ticket>(`/api/tickets/${enc(id)}`, { method: 'PATCH', body });
}

export function recordFollowUp(id: string, body: { version: number; note?: string; score?: number; solved?: boolean }): Promise<Ticket> {
  return apiRequest<Ticket>(`/api/tickets/${enc(id)}/follow-up`, { method: 'POST', body });
}
