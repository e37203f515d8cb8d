/**
 * The load for the WeChat webhook benchmark, in its own process: each request a distinct
 * safe-mode callback (signature and msg_signature over a fresh nonce, the message XML
 * AES-encrypted for the inbox's AppId) whose text carries its send time, as in
 * load-generator.ts for Telegram. Encryption happens here, not in the measured server.
 *
 * argv[2]: JSON { url (…/webhooks/wechat/<inboxId>), appId, token, encodingAESKey, mode, amount?, rate?, seconds?, connections, idBase }
 * Prints one JSON line: requests, non2xx, errors, timeouts, durationMs, rps, latency p50/p99/max.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { encryptMessage, tencentSignature } from '../../channels/wechat/crypto.js';

interface Spec {
  url: string;
  appId: string;
  token: string;
  encodingAESKey: string;
  mode: 'max' | 'rate';
  amount?: number;
  rate?: number;
  seconds?: number;
  connections: number;
  idBase: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const base = new URL(spec.url);
let n = 0;

/** One callback: its path with the signed query, and the encrypted envelope. */
function next(): { path: string; body: string } {
  const i = n++;
  const id = spec.idBase + i;
  // 50 owners, as in the Telegram load: new and existing conversations mixed.
  const openId = `oBench${String(i % 50).padStart(22, '0')}`;
  const now = Date.now();
  const xml =
    `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${Math.floor(now / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[bench#${id}@${now} 电梯又坏了，请尽快派人来修理。]]></Content><MsgId>${id}</MsgId></xml>`;
  const timestamp = String(Math.floor(now / 1000));
  const nonce = String(id);
  const encrypted = encryptMessage(spec.encodingAESKey, xml, spec.appId);
  const query = new URLSearchParams({
    signature: tencentSignature(spec.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: openId,
    encrypt_type: 'aes',
    msg_signature: tencentSignature(spec.token, timestamp, nonce, encrypted),
  });
  return { path: `${base.pathname}?${query}`, body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
}

const headers = { 'content-type': 'text/xml' };

function report(r: { requests: number; non2xx: number; errors: number; timeouts: number; durationMs: number; latency: { p50: number; p99: number; max: number } }) {
  process.stdout.write(JSON.stringify({ ...r, rps: Math.round(r.requests / (r.durationMs / 1000)) }) + '\n');
}

if (spec.mode === 'rate') paced();
else maxRate();

function maxRate(): void {
  const startedAt = Date.now();
  let lastAnswerAt = startedAt;
  const instance = autocannon(
    {
      url: base.origin,
      method: 'POST',
      headers,
      connections: spec.connections,
      amount: spec.amount ?? 2000,
      requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
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
    const { path, body } = next();
    const t0 = performance.now();
    const req = http.request(
      { host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
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
    req.end(body);
  };
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
