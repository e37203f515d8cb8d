/**
 * The load for the webhook benchmark, run as its own process (so the server under test does
 * not share an event loop with the load), each request a distinct Telegram update that carries
 * its send time in the text.
 *   max:  autocannon, as fast as `connections` connections go, for `amount` requests.
 *   rate: evenly paced requests (one every 1000/rate ms) for `seconds`. autocannon's own rate
 *         limit sends each second's quota in a burst at the start of the second, which measures
 *         a burst, not a steady rate.
 *
 * argv[2]: JSON { url, secret?, mode: 'max' | 'rate', amount?, rate?, seconds?, connections, idBase }
 * Prints one JSON line: requests, non2xx, errors, timeouts, durationMs, rps, latency p50/p99/max.
 */
import http from 'node:http';
import autocannon from 'autocannon';

interface Spec {
  url: string;
  secret?: string;
  mode: 'max' | 'rate';
  amount?: number;
  rate?: number;
  seconds?: number;
  connections: number;
  idBase: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
let n = 0;

function body(): string {
  const i = n++;
  const id = spec.idBase + i;
  // 50 owners, so the load mixes new and existing conversations as a real bot would see.
  const chat = 8_000_000_000 + (i % 50);
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      from: { id: chat, is_bot: false, first_name: `Bench${i % 50}`, language_code: 'zh-hans' },
      chat: { id: chat, first_name: `Bench${i % 50}`, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: `bench#${id}@${Date.now()} 电梯又坏了，请尽快派人来修理。`,
    },
  });
}

const headers: Record<string, string> = { 'content-type': 'application/json' };
if (spec.secret) headers['x-telegram-bot-api-secret-token'] = spec.secret;

if (spec.mode === 'rate') paced();
else maxRate();

function report(r: { requests: number; non2xx: number; errors: number; timeouts: number; durationMs: number; latency: { p50: number; p99: number; max: number } }) {
  process.stdout.write(JSON.stringify({ ...r, rps: Math.round(r.requests / (r.durationMs / 1000)) }) + '\n');
}

function maxRate(): void {
  // autocannon notices that a bounded run is over only on its one-second tick, so its own
  // duration is rounded up to whole seconds; the rate is taken from the last answer's time.
  const startedAt = Date.now();
  let lastAnswerAt = startedAt;
  const instance = autocannon(
    {
      url: spec.url,
      method: 'POST',
      headers,
      connections: spec.connections,
      amount: spec.amount ?? 2000,
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
    },
    (err, result) => {
      if (err) {
        process.stderr.write(String(err) + '\n');
        process.exit(1);
      }
      report({
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        durationMs: lastAnswerAt - startedAt,
        latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      });
    },
  );
  instance.on('response', () => {
    lastAnswerAt = Date.now();
  });
  process.on('SIGTERM', () => instance.stop());
}

function paced(): void {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const rate = spec.rate ?? 200;
  const total = Math.round(rate * (spec.seconds ?? 10));
  const latencies: number[] = [];
  let sent = 0;
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  const startedAt = performance.now();
  const finish = () => {
    const sorted = latencies.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    agent.destroy();
    report({ requests: done, non2xx, errors, timeouts: 0, durationMs: performance.now() - startedAt, latency: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN } });
  };
  const send = () => {
    const payload = body();
    const t0 = performance.now();
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Math.round(performance.now() - t0));
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          if (++done === total) finish();
        });
      },
    );
    req.on('error', () => {
      errors++;
      if (++done === total) finish();
    });
    req.end(payload);
  };
  // Each request leaves at its own time slot; a late timer sends what is due, never more.
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
    while (sent < due) {
      sent++;
      send();
    }
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
}
