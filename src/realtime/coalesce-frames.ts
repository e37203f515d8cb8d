/**
 * One write per flush for each agent's WebSocket. engine.io sends the packets queued for a
 * socket together, but ws hands every frame to the kernel in a write of its own; when a batch
 * of webhook messages lands, an agent gets two events per message, and on a small VM each of
 * those writes costs more CPU than building the event. Corking the connection's TCP socket
 * around engine.io's send loop lets Node pass all frames of the flush in one writev.
 *
 * This reaches into engine.io's transport (`send`, `socket`) and ws (`_socket`), both pinned in
 * package-lock.json; if their shape ever differs, it leaves the transport alone and frames go
 * out one by one as before.
 */
import type { Socket as NetSocket } from 'node:net';
import type { Server } from 'socket.io';

interface WsTransportLike {
  name: string;
  send(packets: unknown[]): void;
  socket?: { _socket?: Partial<NetSocket> };
}

interface EngineSocketLike {
  transport: WsTransportLike;
  on(event: 'upgrade', listener: () => void): void;
}

const corked = new WeakSet<object>();

export function coalesceWebSocketFrames(io: Server): void {
  io.engine.on('connection', (conn: EngineSocketLike) => {
    const wrap = () => corkSends(conn.transport);
    wrap();
    // A client that starts with long polling moves to a WebSocket later.
    conn.on('upgrade', wrap);
  });
}

function corkSends(transport: WsTransportLike): void {
  if (transport.name !== 'websocket' || corked.has(transport)) return;
  const raw = transport.socket?._socket;
  if (!raw || typeof raw.cork !== 'function' || typeof raw.uncork !== 'function' || typeof transport.send !== 'function') return;
  const cork = raw.cork.bind(raw);
  const uncork = raw.uncork.bind(raw);
  const send = transport.send.bind(transport);
  transport.send = (packets) => {
    if (packets.length < 2) return send(packets);
    cork();
    try {
      send(packets);
    } finally {
      uncork();
    }
  };
  corked.add(transport);
}
