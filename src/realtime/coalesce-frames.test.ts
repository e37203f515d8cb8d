import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWebSocketFrames } from './coalesce-frames.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function serverWithClient(transports: ('websocket' | 'polling')[]) {
  const http = createServer();
  const io = new Server(http);
  coalesceWebSocketFrames(io);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => io.close(() => r())));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client: Socket = connect(url, { transports, reconnection: false });
  cleanup.push(() => void client.disconnect());
  const [serverSide] = await Promise.all([
    new Promise<import('socket.io').Socket>((r) => io.once('connection', r)),
    new Promise<void>((r) => client.once('connect', () => r())),
  ]);
  return { serverSide, client };
}

/** Emits `n` events in one tick and collects what the client receives. */
async function burst(serverSide: import('socket.io').Socket, client: Socket, n: number): Promise<number[]> {
  const got: number[] = [];
  const all = new Promise<void>((resolve) =>
    client.on('tick', (i: number) => {
      got.push(i);
      if (got.length === n) resolve();
    }),
  );
  for (let i = 0; i < n; i++) serverSide.emit('tick', i);
  await all;
  return got;
}

describe('coalesceWebSocketFrames', () => {
  it('delivers every event of a burst, in order, over a WebSocket', async () => {
    const { serverSide, client } = await serverWithClient(['websocket']);
    expect(await burst(serverSide, client, 500)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('does the same after a client upgrades from long polling', async () => {
    const { serverSide, client } = await serverWithClient(['polling', 'websocket']);
    await new Promise<void>((r) => (client.io.engine.transport.name === 'websocket' ? r() : client.io.engine.once('upgrade', () => r())));
    expect(await burst(serverSide, client, 500)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
