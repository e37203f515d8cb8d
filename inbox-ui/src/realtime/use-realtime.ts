import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io } from 'socket.io-client';
import { fetchEventsAfter, fetchMe } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { RealtimeEvent } from '../api/types';
import { applyEvent } from '../cache/apply-to-cache';
import { EventSequencer } from './event-sequencer';
import { LIVE_EVENT_TYPES, parseEvent, parseStoredEvent } from './parse-event';
import { setActiveSocket } from './socket-registry';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The transport's or the server's reason, shown in the banner. */
  error: string | null;
}

const MAX_RETRY_MS = 30_000;

/**
 * Keeps one socket.io connection for the signed-in agent and applies its events to the query
 * cache. After a reconnect it asks `/api/events?after=<last seq>` for what it missed; when it
 * has no sequence yet (or the catch-up fails) it refetches what is on screen instead.
 */
export function useRealtime(token: string, meId: string): ConnectionState {
  const client = useQueryClient();
  const [state, setState] = useState<ConnectionState>({ status: 'connecting', error: null });

  useEffect(() => {
    const sequencer = new EventSequencer<RealtimeEvent>();
    const socket = io({ auth: { token } });
    // The workspace (presence, typing, viewers, notifications) listens on the same connection.
    setActiveSocket(socket);
    let disposed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = 1000;

    const refetchVisible = () => {
      void client.invalidateQueries({ queryKey: queryKeys.conversationLists });
      void client.invalidateQueries({ queryKey: ['conversation'] });
      void client.invalidateQueries({ queryKey: ['messages'] });
    };

    const apply = (events: RealtimeEvent[]) => {
      for (const event of events) applyEvent(client, event, meId);
      // A fetch already under way may have been answered before these events were committed;
      // landing after them it would put the older state back. Start it again (invalidating
      // cancels the one in flight) so the answer includes them.
      if (events.length > 0 && client.isFetching() > 0) refetchVisible();
    };

    const catchUp = async () => {
      const after = sequencer.lastSeq;
      if (after === null) {
        // Nothing seen yet: whatever happened before this connection is in a fresh fetch.
        refetchVisible();
        return;
      }
      sequencer.beginCatchUp();
      try {
        const rows = await fetchEventsAfter(after);
        const missed = rows.map(parseStoredEvent).filter((event): event is RealtimeEvent => event !== null);
        if (!disposed) apply(sequencer.endCatchUp(missed));
      } catch {
        if (disposed) return;
        apply(sequencer.endCatchUp([]));
        refetchVisible();
      }
    };

    socket.on('connect', () => {
      retryDelay = 1000;
      setState({ status: 'connected', error: null });
      void catchUp();
    });

    socket.on('connect_error', (error: Error) => {
      setState({ status: 'error', error: error.message || null });
      if (socket.active) return; // socket.io retries transport failures by itself
      // Refused by the server during the handshake: check the session (a 401 signs out),
      // then try again later ourselves.
      fetchMe().catch(() => undefined);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (!disposed) socket.connect();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    });

    socket.on('disconnect', (reason) => {
      if (disposed || reason === 'io client disconnect') return;
      setState({ status: 'reconnecting', error: null });
      if (reason === 'io server disconnect') socket.connect();
    });

    for (const type of LIVE_EVENT_TYPES) {
      socket.on(type, (payload: unknown) => {
        const event = parseEvent(type, payload);
        if (event) apply(sequencer.receive(event));
      });
    }

    return () => {
      disposed = true;
      setActiveSocket(null);
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [client, token, meId]);

  return state;
}
