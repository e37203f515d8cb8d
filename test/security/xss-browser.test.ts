/**
 * The XSS corpus (test/security/fixtures/xss-vectors.txt, see NOTES.md) rendered in the real
 * browser. Every vector goes in as owner content through the real entry points — Telegram
 * webhook (name, text, caption), mail delivered into Dovecot (sender name, subject, text,
 * HTML), the forum's own forms (display name, topic title and body, private message) — and
 * then the agent inbox (each conversation, the mail's formatted view) and the forum's pages
 * are opened in chromium with script enabled. Each vector calls `__pwn(<n>)` (a function the
 * test exposes in every frame), `alert(<n>)`, or loads from a foreign host; the test fails on
 * any call, any dialog, and any request that leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ForumClient, signUpOwner, topicIdFrom } from '../support/forum-client.js';
import { ADMIN, eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';
import { composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { fixtureFor, newOwner, textUpdate } from '../support/telegram-updates.js';

const FOREIGN = 'evil.example';
const BATCH = 12;

/** The corpus with its placeholders filled: `$P` → `__pwn(n)`, `$A` → `alert(n)`, `$H` → a foreign host. */
function loadVectors(): string[] {
  const lines = readFileSync(new URL('./fixtures/xss-vectors.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.map((l, i) => l.replaceAll('$P', `__pwn(${i + 1})`).replaceAll('$A', `alert(${i + 1})`).replaceAll('$H', FOREIGN));
}

const vectors = loadVectors();
const batches: string[][] = [];
for (let i = 0; i < vectors.length; i += BATCH) batches.push(vectors.slice(i, i + BATCH));

/** Packs vectors into strings of at most `max` characters (a forum title holds 120). */
function pack(items: string[], max: number, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const v of items) {
    if (v.length > max) continue;
    if (cur && cur.length + sep.length + v.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? cur + sep + v : v;
  }
  if (cur) out.push(cur);
  return out;
}

interface Findings {
  hits: string[];
  dialogs: string[];
  foreign: string[];
}
const findings: Findings = { hits: [], dialogs: [], foreign: [] };
/** vectors × surfaces, counted as each surface is shown. */
const checked = new Map<string, number>();
const count = (surface: string, n: number) => checked.set(surface, (checked.get(surface) ?? 0) + n);
const started = Date.now();
const phase = (name: string) => console.info(`[xss] ${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);

let tg: FakeTelegram;
let dovecot: DovecotServer;
let sink: SmtpSink;
let hx: TestServer;
let browser: Browser;

/** A context whose pages report every sentinel call, dialog and foreign request into `findings`. */
async function watchedContext(where: string, opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  await context.exposeFunction('__pwn', (n: unknown) => {
    findings.hits.push(`${where}: vector ${String(n)}`);
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    findings.foreign.push(`${where}: ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  context.on('page', (p) => watchPage(p, where));
  await proveTheWatchersWork(context, where);
  return context;
}

/**
 * A positive control on a blank page of the same context: a vector that does run must show
 * up as a hit, a dialog and a foreign request, or a silent harness would pass anything.
 */
async function proveTheWatchersWork(context: BrowserContext, where: string) {
  const page = await context.newPage();
  const before = { hits: findings.hits.length, dialogs: findings.dialogs.length, foreign: findings.foreign.length };
  await page.evaluate((host) => {
    document.body.insertAdjacentHTML('beforeend', `<img src="data:," onerror="__pwn('control')"><img src="https://${host}/control.png">`);
    setTimeout(() => alert('control'), 0);
  }, FOREIGN);
  await expect.poll(() => findings.hits.length > before.hits && findings.dialogs.length > before.dialogs && findings.foreign.length > before.foreign).toBe(true);
  expect(findings.hits.at(-1)).toBe(`${where}: vector control`);
  findings.hits.length = before.hits;
  findings.dialogs.length = before.dialogs;
  findings.foreign.length = before.foreign;
  await page.close();
}

function watchPage(page: Page, where: string) {
  page.on('dialog', (d) => {
    findings.dialogs.push(`${where}: ${d.type()} ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
}

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  dovecot = await startDovecot({ users: [MAILBOX_USER] });
  sink = await startSmtpSink();
  hx = await startTestServer({
    telegramApiRoot: tg.apiRoot,
    env: { ...mailboxEnv(dovecot, sink), FORUM_POSTS_PER_10_MIN: '1000', FORUM_SIGNUPS_PER_HOUR: '1000', FORUM_LOGINS_PER_15_MIN: '1000' },
  });
  await eventually(async () => hx.email.runtime.status(hx.email.envInboxId ?? '')?.lastSyncAt, 15_000);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
  await tg?.close();
});

interface Listed {
  id: string;
  subject: string | null;
  contact: { name: string };
}

async function conversationsOf(channel: string): Promise<Listed[]> {
  const r = await hx.api<{ data: Listed[] }>(`/api/conversations?channel=${channel}&status=all&limit=100`);
  expect(r.status).toBe(200);
  return r.body.data;
}

/** Opens one conversation in the inbox and waits until its messages are on screen. */
async function openConversation(page: Page, id: string, messages: number): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/c/${encodeURIComponent(id)}`);
  await expect.poll(() => page.getByTestId('message').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(messages);
}

it(`renders ${vectors.length} XSS vectors in the inbox and the forum without script, dialog or foreign request`, async () => {
  expect(vectors.length).toBeGreaterThanOrEqual(200);

  // --- Telegram: the owner's name, a text and a photo caption, a batch of vectors each.
  for (const batch of batches) {
    const owner = newOwner(batch.join(' '), 'XSS');
    expect((await hx.webhook(textUpdate(owner, batch.join('\n')))).status).toBe(200);
    const photo = fixtureFor('photo-caption', owner) as { message: { caption?: string; message_id: number; date: number } };
    photo.message.caption = batch.join('\n');
    photo.message.message_id += 1;
    photo.message.date = Math.floor(Date.now() / 1000);
    expect((await hx.webhook(photo)).status).toBe(200);
  }

  phase('telegram sent');
  // --- Email: sender name, subject, plain text and HTML of each mail.
  for (const batch of batches) {
    await dovecot.deliver(
      MAILBOX,
      await composeMail({
        // Quotes and backslashes would end the quoted display name early, not inject anything.
        from: `"${batch.join(' ').replaceAll('"', "'").replaceAll('\\', '/')}" <owner${batches.indexOf(batch)}@owner.example>`,
        to: MAILBOX,
        subject: batch.join(' '),
        text: batch.join('\n'),
        html: `<div>${batch.join('<br>\n')}</div>`,
        messageId: ownerMessageId(),
      }),
    );
  }

  phase('mail delivered');
  // --- Forum: display names, topic titles (packed to 120 characters) and bodies, private messages.
  expect((await hx.api('/api/forum/settings', { method: 'PUT', body: { premoderationThreshold: 0 } })).status).toBe(200);
  const names = vectors.filter((v) => v.length <= 40).slice(0, 4);
  const posters: ForumClient[] = [];
  for (const [i, name] of names.entries()) posters.push(await signUpOwner(hx.url, sink, { email: `xss${i}@owner.example`, name }));
  const titles = pack(vectors, 120, ' ');
  // A token per poster, read once: the forms' CSRF token lasts the session.
  const tokens = await Promise.all(posters.map(async (p) => (await p.get('/forum/b/repairs/new'), p.csrf())));
  // The first topics carry a batch each in their body, on a service board (so they reach the
  // inbox too); the remaining titles go to a neighbours' board that stays on the forum.
  const bodyTopics: string[] = [];
  const titleTopics: string[] = [];
  const bodyTitles = new Set<string>();
  for (let i = 0; i < Math.max(titles.length, batches.length); i++) {
    const title = titles[i] ?? `XSS batch ${i}`;
    const withBody = i < batches.length;
    if (withBody) bodyTitles.add(title);
    const board = withBody ? 'repairs' : 'neighbours';
    const body = withBody ? batches[i]!.join('\n\n') : '标题测试';
    const r = await posters[i % posters.length]!.post(`/forum/b/${board}/new`, { title, body }, { csrf: tokens[i % posters.length]!, files: [] });
    expect(r.status, `topic ${i}: ${r.html.slice(0, 200)}`).toBe(303);
    (withBody ? bodyTopics : titleTopics).push(topicIdFrom(r.location));
  }
  const privateChunks = pack(vectors, 5000, '\n\n');
  for (const chunk of privateChunks) {
    const r = await posters[0]!.post('/forum/messages', { body: chunk }, { csrf: tokens[0]! });
    expect(r.status).toBe(303);
  }

  phase('forum posted');
  // --- The agent inbox.
  const inbox = await watchedContext('inbox', { locale: 'zh-CN' });
  const agent = await inbox.newPage();
  await agent.goto(hx.url + '/');
  await agent.getByTestId('login-email').fill(ADMIN.email);
  await agent.getByTestId('login-password').fill(ADMIN.password);
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('current-user').waitFor();

  const telegram = await eventually(async () => {
    const list = await conversationsOf('telegram');
    return list.length >= batches.length && list;
  });
  for (const c of telegram) {
    await openConversation(agent, c.id, 2);
    // Shown, as text: the thread carries the batch's vectors literally.
    const batch = batches.find((b) => c.contact.name.startsWith(b.join(' ')));
    expect(batch, c.contact.name).toBeDefined();
    await expect.poll(() => agent.getByTestId('message').first().textContent()).toContain(batch![0]);
  }
  // Tickets escalated from those conversations: the summary is prefilled from what the owner
  // wrote, so it carries the owner's text; the view also shows the owner's name.
  const departments = await hx.api<{ data: { id: string }[] }>('/api/departments');
  const departmentId = departments.body.data[0]!.id;
  const ticketIds: string[] = [];
  for (const c of telegram) {
    const batch = batches.find((b) => c.contact.name.startsWith(b.join(' ')))!;
    const r = await hx.api<{ id: string }>(`/api/conversations/${c.id}/tickets`, {
      method: 'POST',
      body: { category: 'repair', departmentId, summary: batch.join('\n'), location: batch[0]!.slice(0, 200), notifyOwner: false },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ticketIds.push(r.body.id);
  }
  await agent.evaluate(() => (window.location.hash = '#/t'));
  await expect.poll(() => agent.getByTestId('ticket-card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  for (const id of ticketIds) {
    await agent.evaluate((hash) => (window.location.hash = hash), `#/t/${id}`);
    await agent.getByTestId('ticket-view').waitFor();
  }
  await agent.evaluate(() => (window.location.hash = ''));
  count('ticket summary, location and owner name (board, view)', vectors.length);
  count('telegram name (list, thread, sidebar)', vectors.length);
  count('telegram text', vectors.length);
  count('telegram caption', vectors.length);

  phase('telegram checked');
  const mails = await eventually(async () => {
    const list = await conversationsOf('email');
    return list.length >= batches.length && list;
  }, 30_000);
  let originals = 0;
  for (const c of mails) {
    await openConversation(agent, c.id, 1);
    const html = agent.getByTestId('email-toggle-html').first();
    await html.click();
    await agent.getByTestId('email-html').first().waitFor();
    const original = agent.getByTestId('email-toggle-original').first();
    if (await original.isVisible()) {
      await original.click();
      await agent.getByTestId('email-original').first().waitFor();
      originals++;
    }
  }
  count('email sender name', vectors.length);
  count('email subject', vectors.length);
  count('email text', vectors.length);
  count('email HTML (formatted view)', vectors.length);
  // The original is offered only where trimming removed something; these mails keep all.
  if (originals > 0) count('email original', originals * BATCH);

  phase('email checked');
  const forumConversations = await eventually(async () => {
    const list = await conversationsOf('forum');
    // The inbox shows a topic as "[board] title".
    const subjects = list.map((c) => c.subject ?? '');
    return [...bodyTitles].every((t) => subjects.some((s) => s.endsWith(t))) && list.length > bodyTitles.size && list;
  }, 20_000);
  let forumOpened = 0;
  for (const c of forumConversations) {
    await openConversation(agent, c.id, 1);
    forumOpened++;
  }
  expect(forumOpened).toBeGreaterThanOrEqual(batches.length);
  count('forum topic title in the inbox', vectors.filter((v) => [...bodyTitles].some((t) => t.includes(v))).length);
  count('forum topic body in the inbox', vectors.length);
  count('forum private message in the inbox', privateChunks.join('\n\n').split('\n\n').length);
  await agent.waitForTimeout(1000);

  phase('inbox forum checked');
  // --- The forum's pages, with script enabled (the forum itself runs none).
  const forum = await watchedContext('forum', { locale: 'zh-CN', javaScriptEnabled: true });
  for (const [name, value] of posters[0]!.cookies) await forum.addCookies([{ name, value, url: hx.url }]);
  const reader = await forum.newPage();
  for (const [board, n] of [['repairs', bodyTopics.length], ['neighbours', titleTopics.length]] as const) {
    for (let p = 1; p <= Math.ceil(n / 20); p++) {
      await reader.goto(`${hx.url}/forum/b/${board}?page=${p}`);
      expect(await reader.getByTestId('forum-topic').count()).toBeGreaterThan(0);
    }
  }
  const firstPosts: string[] = [];
  for (const id of bodyTopics) {
    await reader.goto(`${hx.url}/forum/t/${id}`);
    await reader.getByTestId('forum-topic-title').waitFor();
    firstPosts.push(((await reader.getByTestId('forum-post').first().getAttribute('id')) ?? '').replace(/^post-/, ''));
  }
  count('forum display name', names.length);
  count('forum topic title (board list, topic page)', vectors.filter((v) => v.length <= 120).length);
  count('forum topic body (markdown)', vectors.length);
  await reader.goto(`${hx.url}/forum/messages`);
  expect(await reader.getByTestId('forum-private-message').count()).toBeGreaterThanOrEqual(privateChunks.length);
  count('forum private message', vectors.length);
  await reader.goto(`${hx.url}/forum/my`);
  await reader.waitForTimeout(1000);

  // --- The review queue in the inbox: owners' reports carry their own words (up to 300).
  const details = pack(vectors, 280, ' ');
  const flagged = new Set<number>();
  for (const [k, detail] of details.entries()) {
    const poster = k % posters.length;
    const topic = Math.floor(k / posters.length) % firstPosts.length;
    flagged.add(topic);
    const post = firstPosts[topic]!;
    const r = await posters[poster]!.post(`/forum/p/${post}/flag`, { reason: 'spam', detail }, { csrf: tokens[poster]! });
    expect(r.status, `flag ${k}`).toBe(303);
  }
  await agent.evaluate(() => (window.location.hash = '#/forum'));
  const queued = agent.getByTestId('forum-queue-item');
  await expect.poll(() => queued.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const queueSize = await queued.count();
  for (let i = 0; i < queueSize; i++) {
    await queued.nth(i).click();
    await agent.getByTestId('forum-item-reasons').waitFor();
  }
  count('forum report reasons (review queue)', vectors.filter((v) => v.length <= 280 && details.some((d) => d.includes(v))).length);
  expect(queueSize).toBeGreaterThanOrEqual(flagged.size);
  count('forum topic body (review queue)', [...flagged].reduce((n, t) => n + batches[t]!.length, 0));
  await agent.waitForTimeout(500);

  const total = [...checked.values()].reduce((a, b) => a + b, 0);
  console.info(`[xss] ${vectors.length} vectors; ${total} vector × surface renderings checked:`);
  for (const [surface, n] of checked) console.info(`  ${String(n).padStart(4)}  ${surface}`);
  console.info(`[xss] script hits ${findings.hits.length}, dialogs ${findings.dialogs.length}, foreign requests ${findings.foreign.length}`);
  expect(findings.hits, 'injected script ran').toEqual([]);
  expect(findings.dialogs, 'a dialog opened').toEqual([]);
  expect(findings.foreign, 'a request left 127.0.0.1').toEqual([]);
}, 240_000);
