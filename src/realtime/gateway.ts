/**
 * The socket.io gateway: authenticates the handshake, puts each agent in the rooms it may
 * read, and forwards every event from the bus to exactly those rooms. Services never call
 * it; it only listens.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { eq } from 'drizzle-orm';
import { conversations } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { can } from '../domain/permissions.js';
import type { Logger } from '../logger.js';
import type { Auth, AuthUser } from '../services/auth.js';
import type { EventBus, StoredEvent } from '../services/ports.js';
import { SESSION_COOKIE } from '../http/auth-middleware.js';

export const ROOM_ALL = 'conversations:all';
export const userRoom = (id: string) => `user:${id}`;

export interface Gateway {
  io: Server;
  close(): Promise<void>;
}

export function attachGateway(server: HttpServer, deps: { auth: Auth; bus: EventBus; db: Db; logger: Logger }): Gateway {
  const io = new Server(server, { serveClient: false });

  io.use(async (socket, next) => {
    try {
      const user = await deps.auth.userForToken(handshakeToken(socket) ?? '');
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      next();
    } catch (err) {
      deps.logger.error('socket auth failed', { err });
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const user = socket.data.user as AuthUser;
    void socket.join(userRoom(user.id));
    if (can(user, 'conversation.read.all')) void socket.join(ROOM_ALL);
  });

  // Who a conversation is assigned to, for agents who may only read their own.
  const assignees = new Map<string, string | null>();
  const assigneeOf = async (e: StoredEvent): Promise<string | null> => {
    const conv = e.payload.conversation as { assignee?: { id: string } | null } | undefined;
    if (e.conversationId && conv && 'assignee' in conv) {
      assignees.set(e.conversationId, conv.assignee?.id ?? null);
      return conv.assignee?.id ?? null;
    }
    if (!e.conversationId) return null;
    if (assignees.has(e.conversationId)) return assignees.get(e.conversationId) ?? null;
    const [row] = await deps.db.select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, e.conversationId));
    assignees.set(e.conversationId, row?.a ?? null);
    return row?.a ?? null;
  };

  const unsubscribe = deps.bus.subscribe((e) => {
    void assigneeOf(e)
      .then((assignee) => {
        const rooms = assignee ? [ROOM_ALL, userRoom(assignee)] : [ROOM_ALL];
        io.to(rooms).emit(e.type, e.payload);
      })
      .catch((err: unknown) => deps.logger.error('event fan-out failed', { type: e.type, err }));
  });

  return {
    io,
    async close() {
      unsubscribe();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

function handshakeToken(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token;
  const cookie = socket.handshake.headers.cookie;
  const match = cookie?.split(/;\s*/).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(SESSION_COOKIE.length + 1)) : undefined;
}
