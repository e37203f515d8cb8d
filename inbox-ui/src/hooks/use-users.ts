import { useQuery } from '@tanstack/react-query';
import { fetchUsers } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';

/** Agents a conversation can be assigned to. */
export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => fetchUsers(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
