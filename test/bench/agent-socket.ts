/**
 * The agent's socket for the webhook benchmark, in its own process (like a browser would
 * be), so that measuring does not spend the server's CPU. Each bench message carries its send
 * time; this process records when it arrived. IPC: 'reset' clears, 'report' answers with
 * counts and latency percentiles.
 *
 * argv[2]: JSON { url, token }
 */
import { io } from 'socket.io-client';

const { url, token } = JSON.parse(process.argv[2] ?? '{}') as { url: string; token: string };
let latencies: number[] = [];
let firstPush = 0;
let lastPush = 0;

const socket = io(url, { auth: { token }, transports: ['websocket'] });
socket.on('connect', () => process.send?.({ type: 'ready' }));
socket.on('connect_error', (err) => {
  process.stderr.write(`agent socket: ${err.message}\n`);
  process.exit(1);
});
socket.on('message.created', (p: { message?: { content?: string } }) => {
  const now = Date.now();
  const m = /^bench#\d+@(\d+)/.exec(p.message?.content ?? '');
  if (!m) return;
  if (!firstPush) firstPush = now;
  lastPush = now;
  latencies.push(now - Number(m[1]));
});

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'reset') {
    latencies = [];
    firstPush = 0;
    lastPush = 0;
    process.send?.({ type: 'reset' });
  } else if (msg.type === 'report') {
    const sorted = [...latencies].sort((a, b) => a - b);
    process.send?.({ type: 'report', pushed: sorted.length, firstPush, lastPush, p50: pct(sorted, 50), p99: pct(sorted, 99) });
  } else if (msg.type === 'stop') {
    socket.disconnect();
    process.exit(0);
  }
});
