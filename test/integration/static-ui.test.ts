/**
 * The built inbox UI as served by the real server: files as they are, client-side routes as
 * index.html, and every miss a 404 whose Content-Length matches its body (a miss once carried
 * index.html's length, so clients waited for bytes that never came).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/huixin.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = fileURLToPath(new URL('../../inbox-ui/dist/', import.meta.url));

let hx: TestServer;

beforeAll(async () => {
  // The server serves the UI only when it is built; build it here when missing or stale.
  const build = spawnSync(process.execPath, ['scripts/build-ui-if-stale.mjs'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the UI failed: ${build.stderr || build.stdout}`);
  hx = await startTestServer();
}, 180_000);

afterAll(async () => {
  await hx?.close();
});

interface Received {
  status: number;
  contentLength: number | null;
  bytes: Buffer;
  contentType: string;
  /** The connection ended before the announced body arrived. */
  aborted: boolean;
}

/** One request with node's own client, which trusts Content-Length as a browser does. */
function get(path: string, method = 'GET'): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = http.request(hx.url + path, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('aborted', () => (aborted = true));
      res.on('error', () => (aborted = true));
      res.on('close', () => {
        const length = res.headers['content-length'];
        resolve({
          status: res.statusCode ?? 0,
          contentLength: length === undefined ? null : Number(length),
          bytes: Buffer.concat(chunks),
          contentType: String(res.headers['content-type'] ?? ''),
          aborted: aborted || !res.complete,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function expectWhole(res: Received): void {
  expect(res.aborted).toBe(false);
  if (res.contentLength !== null) expect(res.bytes.length).toBe(res.contentLength);
}

describe('static UI', () => {
  it.each(['/favicon.ico', '/robots.txt', '/assets/missing.js', '/assets/missing.css', '/webhooks/no-such-kind'])(
    '%s is a 404 whose Content-Length is its body',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expectWhole(res);
      expect(res.bytes.toString()).not.toContain('<div id="root">');
    },
  );

  it.each(['/', '/tickets/42', '/conversations/abc/messages'])('%s (a navigation path) gets index.html', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expectWhole(res);
    expect(res.contentType).toContain('text/html');
    expect(res.bytes.toString()).toBe(readFileSync(`${dist}index.html`, 'utf8'));
  });

  it('a built asset is served whole with its type', async () => {
    const script = readdirSync(`${dist}assets`).find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const res = await get(`/assets/${script}`);
    expect(res.status).toBe(200);
    expectWhole(res);
    expect(res.contentType).toContain('javascript');
    expect(res.bytes.length).toBe(statSync(`${dist}assets/${script}`).size);
  });

  it('an unknown API path is not answered with the UI', async () => {
    const res = await get('/api/no-such-route');
    expect(res.status).not.toBe(200);
    expectWhole(res);
    expect(res.bytes.toString()).not.toContain('<div id="root">');
  });

  it('HEAD of a miss completes', async () => {
    const res = await get('/favicon.ico', 'HEAD');
    expect(res.status).toBe(404);
    expect(res.aborted).toBe(false);
    expect(res.bytes.length).toBe(0);
  });
});
