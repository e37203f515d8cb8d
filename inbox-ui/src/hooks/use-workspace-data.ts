/** Server state of the workspace, one query each; live events invalidate what they change. */
import { useQuery } from '@tanstack/react-query';
import {
  fetchCannedReplies,
  fetchContact,
  fetchInboxes,
  fetchLabels,
  fetchPresence,
  fetchSavedViews,
  fetchViewCounts,
  workspaceKeys,
} from '../api/workspace-endpoints';

const FIVE_MINUTES = 5 * 60_000;

export const useCannedReplies = () =>
  useQuery({ queryKey: workspaceKeys.cannedReplies, queryFn: ({ signal }) => fetchCannedReplies(signal), staleTime: FIVE_MINUTES });
export const useLabels = () => useQuery({ queryKey: workspaceKeys.labels, queryFn: ({ signal }) => fetchLabels(signal), staleTime: FIVE_MINUTES });
export const useInboxes = () => useQuery({ queryKey: workspaceKeys.inboxes, queryFn: ({ signal }) => fetchInboxes(signal), staleTime: FIVE_MINUTES });
export const useSavedViews = () => useQuery({ queryKey: workspaceKeys.savedViews, queryFn: ({ signal }) => fetchSavedViews(signal) });
export const useViewCounts = () => useQuery({ queryKey: workspaceKeys.viewCounts, queryFn: ({ signal }) => fetchViewCounts(signal) });
export const usePresence = () => useQuery({ queryKey: workspaceKeys.presence, queryFn: ({ signal }) => fetchPresence(signal) });
export const useContact = (id: string | null) =>
  useQuery({ queryKey: workspaceKeys.contact(id ?? ''), queryFn: ({ signal }) => fetchContact(id ?? '', signal), enabled: id !== null });
