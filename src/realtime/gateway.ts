/**
 * The socket.io gateway: authenticates the handshake, puts each agent in the rooms it may
 * read, and forwards every event from the bus to exactly those rooms. Services never call
 * it; it only listens.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server, type Socket } from 'socket.io';
import { eq } from 'drizzle-orm';
import { conversations } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { can } from '../domain/permissions.js';
import type { Logger } from '../logger.js';
import { SESSIONS_ENDED, type Auth, type AuthUser, type SessionsEndedPayload } from '../services/auth.js';
import { USER_CHANGED } from '../services/users.js';
import { originAllowed } from '../http/origin-check.js';
import type { EventBus, StoredEvent } from '../services/ports.js';
import { SESSION_COOKIE } from '../http/auth-middleware.js';
import { coalesceWebSocketFrames } from './coalesce-frames.js';

export const ROOM_ALL = 'conversations:all';
export const ROOM_FORUM_STAFF = 'forum:staff';
export const userRoom = (id: string) => `user:${id}`;
export const sessionRoom = (id: string) => `session:${id}`;

export interface Gateway {
  io: Server;
  close(): Promise<void>;
}

export function attachGateway(
  server: HttpServer,
  deps: { auth: Auth; bus: EventBus; db: Db; logger: Logger; adapterPool?: pg.Pool; publicUrl?: string },
): Gateway {
  const io = new Server(server, {
    serveClient: false,
    // A page of another origin (a sibling port counts) must not ride on the session cookie.
    // Clients without Origin (not a browser) authenticate with their token as before.
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, req.headers.host, deps.publicUrl)),
  });
  coalesceWebSocketFrames(io);
  // Several Node instances on one PostgreSQL: an event emitted to a room on one instance
  // reaches that room's sockets on every instance (LISTEN/NOTIFY through the adapter).
  if (deps.adapterPool) io.adapter(createAdapter(deps.adapterPool));

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
    if (user.sessionId) void socket.join(sessionRoom(user.sessionId));
    if (can(user, 'conversation.read.all')) void socket.join(ROOM_ALL);
    if (can(user, 'forum.moderate') || can(user, 'forum.admin') || can(user, 'contact.link')) void socket.join(ROOM_FORUM_STAFF);
  });

  // Who a conversation is assigned to, for agents who may only read their own. When it
  // changes hands, the previous assignee hears of it too, so their list drops it.
  const assignees = new Map<string, string | null>();
  const roomsFor = async (e: StoredEvent): Promise<string[]> => {
    // Review-queue and unit-claim events (ids and states only) go to forum staff.
    if (e.type.startsWith('forum.')) return [ROOM_FORUM_STAFF];
    const rooms = [ROOM_ALL];
    if (!e.conversationId) return rooms;
    const conv = e.payload.conversation as { assignee?: { id: string } | null } | undefined;
    const known = assignees.has(e.conversationId);
    const before = assignees.get(e.conversationId) ?? null;
    let current: string | null;
    if (conv && 'assignee' in conv) {
      current = conv.assignee?.id ?? null;
    } else if (known) {
      current = before;
    } else {
      const [row] = await deps.db.select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, e.conversationId));
      current = row?.a ?? null;
    }
    assignees.set(e.conversationId, current);
    if (current) rooms.push(userRoom(current));
    if (known && before && before !== current) rooms.push(userRoom(before));
    return rooms;
  };

  // Events leave in seq order even when one needs a lookup and the next does not.
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type === SESSIONS_ENDED || e.type === USER_CHANGED) {
      disconnectFor(e);
      return;
    }
    queue = queue
      .then(() => roomsFor(e))
      .then((rooms) => {
        io.to(rooms).emit(e.type, e.payload);
      })
      .catch((err: unknown) => deps.logger.error('event fan-out failed', { type: e.type, err }));
  });

  // Ended sessions lose their sockets at once (on every instance, through the adapter); a
  // changed role reconnects so the rooms match the new rights.
  const disconnectFor = (e: StoredEvent) => {
    const p = e.payload as SessionsEndedPayload;
    const target = p.sessionIds ? io.in(p.sessionIds.map(sessionRoom)) : io.in(userRoom(p.userId));
    const scoped = p.exceptSessionId ? target.except(sessionRoom(p.exceptSessionId)) : target;
    scoped.disconnectSockets(true);
  };

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
