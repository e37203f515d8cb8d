/**
 * Client → server socket messages of the agent workspace: presence (set by the agent, and by
 * their first connection opening and last one closing), typing, and who is viewing which
 * conversation. Typing and viewing are ephemeral: they go to the sockets viewing the same
 * conversation (each admitted by the same read check as the REST API), never to the event log.
 */
import type { Server, Socket } from 'socket.io';
import { eq } from 'drizzle-orm';
import { conversations } from '../../db/schema/index.js';
import { canReadConversation } from '../domain/permissions.js';
import type { Logger } from '../logger.js';
import type { AuthUser } from '../services/auth.js';
import type { ServiceDeps } from '../services/ports.js';
import { assignPool } from '../services/workspace/assignment.js';
import { changePresence, type PresenceStatus } from '../services/workspace/presence.js';
import type { WorkspaceSettings } from '../services/workspace/settings.js';
import { userRoom } from './gateway.js';

const viewingRoom = (conversationId: string) => `viewing:${conversationId}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SocketState {
  viewing: string | null;
  typing: string | null;
}

function conversationIdOf(payload: unknown): string | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as { conversationId?: unknown }).conversationId : undefined;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

export interface WorkspaceSocket {
  /** Waits for presence changes still running (the last disconnects at shutdown). */
  drain(): Promise<void>;
}

export function attachWorkspaceSocket(io: Server, deps: { services: ServiceDeps; workspace: WorkspaceSettings; logger: Logger }): WorkspaceSocket {
  const { services, workspace, logger } = deps;
  const presenceSettings = { defaultCapacity: workspace.defaultCapacity };
  const fail = (what: string) => (err: unknown) => logger.error(`workspace socket: ${what} failed`, { err });

  const mayRead = async (user: AuthUser, conversationId: string) => {
    const [row] = await services.db.select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversationId));
    return row !== undefined && canReadConversation(user, row.a);
  };

  const broadcastViewers = async (conversationId: string) => {
    const sockets = await io.in(viewingRoom(conversationId)).fetchSockets();
    const seen = new Map<string, { id: string; name: string }>();
    for (const s of sockets) {
      const u = s.data.user as AuthUser | undefined;
      if (u) seen.set(u.id, { id: u.id, name: u.name });
    }
    io.to(viewingRoom(conversationId)).emit('viewers.updated', { conversationId, viewers: [...seen.values()] });
  };

  // Presence changes of one agent run one after another, so a quick reconnect (the old
  // socket's disconnect racing the new one's connect) always ends online.
  const chains = new Map<string, Promise<void>>();
  const setPresence = (user: AuthUser, change: Parameters<typeof changePresence>[3] | 'disconnect-if-last') => {
    const run = async () => {
      if (change === 'disconnect-if-last') {
        if ((await io.in(userRoom(user.id)).fetchSockets()).length > 0) return;
        change = { kind: 'disconnect' };
      }
      const r = await changePresence(services, presenceSettings, user.id, change);
      if (r.changed && r.status === 'online' && workspace.autoAssign) await assignPool(services);
      if (r.changed && r.status === 'offline') await workspace.scheduler?.releaseAfterGrace(user.id);
    };
    const next = (chains.get(user.id) ?? Promise.resolve()).then(run, run);
    chains.set(user.id, next);
    void next.finally(() => {
      if (chains.get(user.id) === next) chains.delete(user.id);
    }).catch(() => undefined);
    return next;
  };

  io.on('connection', (socket: Socket) => {
    const user = socket.data.user as AuthUser;
    const state: SocketState = { viewing: null, typing: null };
    setPresence(user, { kind: 'connect' }).catch(fail('presence'));

    const stopTyping = () => {
      if (!state.typing) return;
      socket.to(viewingRoom(state.typing)).emit('typing.stopped', { conversationId: state.typing, user: { id: user.id, name: user.name } });
      state.typing = null;
    };

    socket.on('presence.set', (payload: unknown) => {
      const status = (payload as { status?: unknown } | null)?.status;
      if (status !== 'online' && status !== 'busy' && status !== 'offline') return;
      setPresence(user, { kind: 'set', status: status as PresenceStatus }).catch(fail('presence'));
    });

    socket.on('viewing', (payload: unknown) => {
      const next = conversationIdOf(payload);
      void (async () => {
        const previous = state.viewing;
        if (previous === next) return;
        if (previous) {
          stopTyping();
          await socket.leave(viewingRoom(previous));
          state.viewing = null;
          await broadcastViewers(previous);
        }
        if (next && (await mayRead(user, next))) {
          await socket.join(viewingRoom(next));
          state.viewing = next;
          await broadcastViewers(next);
        }
      })().catch(fail('viewing'));
    });

    // Clients repeat typing.start every few seconds while typing; others expire it if it stops.
    socket.on('typing', (payload: unknown) => {
      const conversationId = conversationIdOf(payload);
      const typing = (payload as { typing?: unknown } | null)?.typing === true;
      if (!conversationId || conversationId !== state.viewing) return;
      if (!typing) return stopTyping();
      state.typing = conversationId;
      socket.to(viewingRoom(conversationId)).emit('typing.started', { conversationId, user: { id: user.id, name: user.name } });
    });

    socket.on('disconnect', () => {
      stopTyping();
      const viewed = state.viewing;
      if (viewed) broadcastViewers(viewed).catch(fail('viewers'));
      // Offline only when this was the agent's last connection (another tab may be open).
      setPresence(user, 'disconnect-if-last').catch(fail('presence'));
    });
  });

  return {
    async drain() {
      await Promise.allSettled([...chains.values()]);
    },
  };
}
