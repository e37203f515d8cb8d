/** Ticket queries and changes through the shared query cache; live events keep them fresh (use-ticket-events). */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  createTicket,
  fetchDepartments,
  fetchTicket,
  fetchTickets,
  patchTicket,
  recordFollowUp,
  ticketKeys,
  type NewTicket,
  type Ticket,
  type TicketDetail,
  type TicketFilter,
  type TicketStatus,
} from '../api/ticket-api';

export function useTickets(filter: TicketFilter, enabled = true) {
  return useQuery({ queryKey: ticketKeys.list(filter), queryFn: ({ signal }) => fetchTickets(filter, signal), enabled });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => fetchTicket(id, signal) });
}

export function useDepartments() {
  return useQuery({ queryKey: ticketKeys.departments, queryFn: ({ signal }) => fetchDepartments(signal), staleTime: 60_000 });
}

/** A newer ticket replaces what is cached (its history is fetched again); lists refetch. */
export function applyTicket(client: QueryClient, ticket: Ticket): void {
  client.setQueryData<TicketDetail>(ticketKeys.detail(ticket.id), (old) => (old && old.version <= ticket.version ? { ...old, ...ticket } : old));
  void client.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
}

export function useCreateTicket(conversationId: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: NewTicket) => createTicket(conversationId, body), onSuccess: (t) => applyTicket(client, t) });
}

export function useChangeTicket(ticket: Pick<Ticket, 'id' | 'version'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { status?: TicketStatus; assigneeId?: string | null; departmentId?: string; note?: string }) => patchTicket(ticket.id, { ...change, version: ticket.version }),
    onSuccess: (t) => applyTicket(client, t),
    // A 409 means someone else changed it first: show theirs.
    onError: () => void client.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) }),
  });
}

export function useRecordFollowUp(ticket: Pick<Ticket, 'id' | 'version'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { note?: string; score?: number; solved?: boolean }) => recordFollowUp(ticket.id, { ...body, version: ticket.version }),
    onSuccess: (t) => applyTicket(client, t),
  });
}
