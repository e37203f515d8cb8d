/**
 * The channel kinds and their capabilities from GET /api/channels (the server's registry):
 * the UI decides what a composer offers by capabilities, never by a channel's name.
 */
import { useQuery } from '@tanstack/react-query';
import { channelKindsKey, fetchChannelKinds, type ChannelCapabilities, type ChannelKindInfo } from '../api/inbox-api';

export const useChannelKinds = () => useQuery({ queryKey: channelKindsKey, queryFn: ({ signal }) => fetchChannelKinds(signal), staleTime: Infinity });

export function useChannelKind(kind: string): ChannelKindInfo | undefined {
  return useChannelKinds().data?.find((k) => k.kind === kind);
}

export function useCapabilities(kind: string): ChannelCapabilities | undefined {
  return useChannelKind(kind)?.capabilities;
}
