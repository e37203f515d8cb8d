/**
 * The load for the webhook benchmark, run as its own process (so the server under test does
 * not share an event loop with the load): autocannon, bounded by a request count or a
 * duration, each request a distinct Telegram update that carries its send time in the text.
 *
 * argv[2]: JSON { url, secret?, mode: 'max' | 'rate', amount?, rate?, seconds?, connections, idBase }
 * Prints one JSON line with autocannon's summary.
 */
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

const instance = autocannon(
  {
    url: spec.url,
    method: 'POST',
    headers,
    connections: spec.connections,
    ...(spec.mode === 'max' ? { amount: spec.amount ?? 2000 } : { overallRate: spec.rate ?? 200, duration: spec.seconds ?? 10 }),
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(String(err) + '\n');
      process.exit(1);
    }
    process.stdout.write(
      JSON.stringify({
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        durationMs: result.duration * 1000,
        rps: result.requests.average,
        latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      }) + '\n',
    );
  },
);
process.on('SIGTERM', () => instance.stop());
