/**
 * Mailboxes configured through the API (the admin screen's backend): passwords encrypted at
 * rest and never returned, a new mailbox watched at once, changes applied to the running
 * watcher, the environment's mailbox read-only, permissions enforced.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, inboxes } from '../../db/schema/index.js';
import { createAgent } from '../support/agents.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';

interface Mailbox {
  id: string;
  name: string;
  source: 'env' | 'api';
  enabled: boolean;
  imap: { host: string; port: number; user: string; folder: string; passwordSet: boolean };
  smtp: { user: string | null; passwordSet: boolean };
  status: { watcher: string; error: string | null; lastSyncAt: string | null } | null;
}

let dovecot: DovecotServer;
let sink: SmtpSink;
let hx: TestServer;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [
      MAILBOX_USER,
      { user: 'weixiu@wuye.example.com', password: 'weixiu-pass-原' },
    ],
  });
  sink = await startSmtpSink();
  hx = await startTestServer({
    env: mailboxEnv(dovecot, sink),
  });
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
});

const newMailbox = () => ({
  name: '维修部信箱',
  from: { name: '维修部', address: 'weixiu@wuye.example.com' },
  imap: { host: dovecot.host, port: dovecot.port, secure: false, user: 'weixiu@wuye.example.com', password: 'weixiu-pass-原' },
  smtp: { host: sink.host, port: sink.port, secure: false, user: 'weixiu', password: 'smtp-pass-secret' },
});

describe('mailboxes API', () => {
  let created: Mailbox;

  it('needs settings.manage and valid input', async () => {
    const agent = await createAgent(hx, '小刘');
    expect((await hx.api('/api/mailboxes', { token: agent.token })).status).toBe(403);
    expect((await hx.api('/api/mailboxes', { method: 'POST', body: newMailbox(), token: agent.token })).status).toBe(403);
    const bad = await hx.api<{ error: string }>('/api/mailboxes', { method: 'POST', body: { ...newMailbox(), imap: { host: 'x y', user: 'u' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/imap/);
  });

  it('creates a mailbox, stores its passwords encrypted and never returns them, and watches it at once', async () => {
    const res = await hx.api<Mailbox>('/api/mailboxes', { method: 'POST', body: newMailbox() });
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({ name: '维修部信箱', source: 'api', enabled: true, imap: { folder: 'INBOX', passwordSet: true }, smtp: { user: 'weixiu', passwordSet: true } });
    const [row] = await hx.deps.db.select().from(inboxes).where(eq(inboxes.id, created.id));
    const everything = JSON.stringify([row, res.body, (await hx.api('/api/mailboxes')).body]);
    expect(everything).not.toContain('weixiu-pass');
    expect(everything).not.toContain('smtp-pass-secret');
    expect(row?.secretsEncrypted).toMatch(/^v1\./);
    expect((await hx.api('/api/openapi.json')).body).toHaveProperty(['paths', '/api/mailboxes']);

    await eventually(async () => (await hx.api<Mailbox>(`/api/mailboxes/${created.id}`)).body.status?.lastSyncAt, 15_000);
    const id = ownerMessageId();
    await dovecot.deliver('weixiu@wuye.example.com', await composeMail({ from: '孙丽 <sunli@owner.example>', to: 'weixiu@wuye.example.com', subject: '水龙头漏水', text: '厨房水龙头漏水。', messageId: id }));
    const conv = await eventually(async () => {
      const [c] = await hx.deps.db.select().from(conversations).where(eq(conversations.inboxId, created.id));
      return c;
    }, 15_000);
    expect(conv).toMatchObject({ channel: 'email', subject: '水龙头漏水' });
  });

  it('applies changes to the running watcher; a wrong password shows as an error, the right one recovers', async () => {
    const wrong = await hx.api<Mailbox>(`/api/mailboxes/${created.id}`, { method: 'PATCH', body: { imap: { password: 'not-the-password' } } });
    expect(wrong.status).toBe(200);
    const error = await eventually(async () => (await hx.api<Mailbox>(`/api/mailboxes/${created.id}`)).body.status?.error, 15_000);
    expect(error).toMatch(/authentication failed/i);
    const fixed = await hx.api<Mailbox>(`/api/mailboxes/${created.id}`, { method: 'PATCH', body: { name: '维修部', imap: { password: 'weixiu-pass-原' } } });
    expect(fixed.body).toMatchObject({ name: '维修部', smtp: { passwordSet: true } });
    await eventually(async () => {
      const s = (await hx.api<Mailbox>(`/api/mailboxes/${created.id}`)).body.status;
      return s?.watcher === 'watching' && s.error === null;
    }, 15_000);
    // Leaving a password out keeps it; null removes the SMTP one.
    const cleared = await hx.api<Mailbox>(`/api/mailboxes/${created.id}`, { method: 'PATCH', body: { smtp: { user: null, password: null } } });
    expect(cleared.body).toMatchObject({ imap: { passwordSet: true }, smtp: { user: null, passwordSet: false } });
  });

  it('refuses a second mailbox with the same address, edits of the environment’s mailbox, and deleting one in use', async () => {
    expect((await hx.api('/api/mailboxes', { method: 'POST', body: newMailbox() })).status).toBe(409);
    const envBox = (await hx.api<{ data: Mailbox[] }>('/api/mailboxes')).body.data.find((m) => m.source === 'env');
    expect(envBox?.imap.user).toBe('kefu@wuye.example.com');
    expect((await hx.api(`/api/mailboxes/${envBox?.id}`, { method: 'PATCH', body: { name: 'x' } })).status).toBe(409);
    expect((await hx.api(`/api/mailboxes/${created.id}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('disabling a mailbox stops its watcher and sender', async () => {
    const res = await hx.api<Mailbox>(`/api/mailboxes/${created.id}`, { method: 'PATCH', body: { enabled: false } });
    expect(res.body).toMatchObject({ enabled: false, status: null });
  });
});
