/**
 * The staff accounts API (员工账号): the admin's list, create, role, switch off and reset
 * (users.manage), and everyone's own password and sessions. Shapes, calls and the TanStack
 * Query hooks the staff screens use.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// The server's own response shapes (as ticket-api.ts does), so the two cannot drift apart.
import type { SessionView as StaffSession } from '../../../src/services/auth';
import type { StaffView as StaffUser } from '../../../src/services/users';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';

export type { StaffSession, StaffUser };

export interface StaffDraft {
  email: string;
  name: string;
  password: string;
  role: string;
}

export interface StaffChange {
  name?: string;
  role?: string;
  disabled?: boolean;
}

const enc = encodeURIComponent;

export async function fetchStaff(signal?: AbortSignal): Promise<StaffUser[]> {
  return (await apiRequest<{ data: StaffUser[] }>('/api/users?includeDisabled=true', { signal })).data;
}

export function createStaff(draft: StaffDraft): Promise<StaffUser> {
  return apiRequest<StaffUser>('/api/users', { method: 'POST', body: draft });
}

export function updateStaff(id: string, change: StaffChange): Promise<StaffUser> {
  return apiRequest<StaffUser>(`/api/users/${enc(id)}`, { method: 'PATCH', body: change });
}

/** The server picks the temporary password and answers it once. */
export function resetStaffPassword(id: string): Promise<{ temporaryPassword: string }> {
  return apiRequest<{ temporaryPassword: string }>(`/api/users/${enc(id)}/password`, { method: 'POST', body: {} });
}

export async function fetchUserSessions(id: string, signal?: AbortSignal): Promise<StaffSession[]> {
  return (await apiRequest<{ data: StaffSession[] }>(`/api/users/${enc(id)}/sessions`, { signal })).data;
}

export function endUserSessions(id: string): Promise<void> {
  return apiRequest<void>(`/api/users/${enc(id)}/sessions`, { method: 'DELETE' });
}

export async function fetchMySessions(signal?: AbortSignal): Promise<StaffSession[]> {
  return (await apiRequest<{ data: StaffSession[] }>('/api/auth/sessions', { signal })).data;
}

export function revokeMySession(id: string): Promise<void> {
  return apiRequest<void>(`/api/auth/sessions/${enc(id)}`, { method: 'DELETE' });
}

export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiRequest<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

const STAFF_KEY = ['staff'] as const;
const userSessionsKey = (id: string) => ['staff', id, 'sessions'] as const;
const MY_SESSIONS_KEY = ['my-sessions'] as const;

export function useStaffList(enabled: boolean) {
  return useQuery({ queryKey: STAFF_KEY, queryFn: ({ signal }) => fetchStaff(signal), enabled });
}

/** Any change to an account also changes the assignee list the inbox shows. */
function useInvalidateStaff() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([client.invalidateQueries({ queryKey: STAFF_KEY }), client.invalidateQueries({ queryKey: queryKeys.users })]);
  };
}

export function useCreateStaff() {
  const invalidate = useInvalidateStaff();
  return useMutation({ mutationFn: createStaff, onSuccess: invalidate });
}

export function useUpdateStaff() {
  const invalidate = useInvalidateStaff();
  return useMutation({ mutationFn: ({ id, change }: { id: string; change: StaffChange }) => updateStaff(id, change), onSuccess: invalidate });
}

export function useResetStaffPassword() {
  const invalidate = useInvalidateStaff();
  return useMutation({ mutationFn: resetStaffPassword, onSuccess: invalidate });
}

export function useUserSessions(id: string) {
  return useQuery({ queryKey: userSessionsKey(id), queryFn: ({ signal }) => fetchUserSessions(id, signal) });
}

export function useEndUserSessions(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => endUserSessions(id), onSuccess: () => client.invalidateQueries({ queryKey: userSessionsKey(id) }) });
}

export function useMySessions() {
  return useQuery({ queryKey: MY_SESSIONS_KEY, queryFn: ({ signal }) => fetchMySessions(signal) });
}

export function useRevokeMySession() {
  const client = useQueryClient();
  return useMutation({ mutationFn: revokeMySession, onSuccess: () => client.invalidateQueries({ queryKey: MY_SESSIONS_KEY }) });
}

export function useChangeOwnPassword() {
  const client = useQueryClient();
  // The server ends the other sessions on a change: the list shrinks to this one.
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) => changeOwnPassword(currentPassword, newPassword),
    onSuccess: () => client.invalidateQueries({ queryKey: MY_SESSIONS_KEY }),
  });
}
