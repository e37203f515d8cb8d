/**
 * Owners' media are kept: a Telegram photo arriving by webhook is downloaded by the media
 * job from the (fake) Bot API at ingest, stored, pushed live as message.updated, and served
 * from /api/messages/{id}/attachments/{index} to whoever may read the conversation.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { createAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';

const MAX_BYTES = 50_000;
const jpeg = readFileSync(new URL('../../channels/telegram/fixtures/photo-leak.jpg', import.meta.url));

interface WireAttachment {
  kind: string;
  fileId?: string;
  mimeType?: string;
  size?: number;
  storageKey?: string;
  skipped?: string;
}
interface WireMessage {
  id: string;
  content: string;
  attachments: WireAttachment[];
}
type MessageEvent = { message: WireMessage };

let tg: FakeTelegram;
let hx: TestServer;
let socket: Socket;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { MEDIA_MAX_BYTES: String(MAX_BYTES) } });
  socket = await hx.socket();
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

/** A photo message as Telegram sends it: several sizes, the largest one is what we keep. */
function photoUpdate(owner: Owner, caption: string, largest: { fileId: string; size?: number }): Update {
  const base = textUpdate(owner, caption);
  const message = { ...base.message! } as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  message.caption = caption;
  message.photo = [
    { file_id: `${largest.fileId}-thumb`, file_unique_id: 'AQADthumb', file_size: 1200, width: 90, height: 68 },
    { file_id: largest.fileId, file_unique_id: 'AQADfull', ...(largest.size !== undefined ? { file_size: largest.size } : {}), width: 320, height: 240 },
  ];
  return { ...base, message } as unknown as Update;
}

function documentUpdate(owner: Owner, caption: string, doc: { fileId: string; fileName: string; mimeType: string; size?: number }): Update {
  const base = textUpdate(owner, caption);
  const message = { ...base.message! } as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  message.caption = caption;
  message.document = { file_id: doc.fileId, file_unique_id: 'AQADdoc', file_name: doc.fileName, mime_type: doc.mimeType, ...(doc.size !== undefined ? { file_size: doc.size } : {}) };
  return { ...base, message } as unknown as Update;
}

/** Sends the update and resolves with the stored message and the update that kept (or skipped) its file. */
async function receive(update: Update, caption: string): Promise<{ created: WireMessage; settled: WireMessage }> {
  const created = nextEvent<MessageEvent>(socket, 'message.created', (p) => p.message.content === caption);
  const settled = nextEvent<MessageEvent>(
    socket,
    'message.updated',
    (p) => p.message.content === caption && Boolean(p.message.attachments[0]?.storageKey || p.message.attachments[0]?.skipped),
    20_000,
  );
  expect((await hx.webhook(update)).status).toBe(200);
  return { created: (await created).message, settled: (await settled).message };
}

function download(messageId: string, index: number, token: string = hx.token, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${hx.url}/api/messages/${messageId}/attachments/${index}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

async function completedJobs(messageId: string): Promise<number> {
  const result = await hx.database.db.execute(
    sql`select count(*)::int as n from pgboss.job where name = 'keep-media' and singleton_key = ${messageId} and state = 'completed'`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

describe('owners’ media are kept', () => {
  it('downloads a photo at ingest, pushes the update live and serves the same bytes as image/jpeg', async () => {
    const owner = newOwner('林', '业主');
    tg.addFile('leak-photo', jpeg, { filePath: 'photos/file_10.jpg' });
    const caption = '卫生间天花板漏水，见照片';
    const { created, settled } = await receive(photoUpdate(owner, caption, { fileId: 'leak-photo', size: jpeg.length }), caption);

    // Stored first with the platform's handle only; the bytes arrive with the update.
    expect(created.attachments[0]).toMatchObject({ kind: 'photo', fileId: 'leak-photo' });
    expect(created.attachments[0]?.storageKey).toBeUndefined();
    expect(settled.attachments[0]).toMatchObject({ kind: 'photo', mimeType: 'image/jpeg', size: jpeg.length });
    expect(settled.attachments[0]?.storageKey).toMatch(/^email-blob:[0-9a-f]{64}$/);
    expect(tg.calls.filter((c) => c.method === 'getFile' && c.params.file_id === 'leak-photo')).toHaveLength(1);

    const res = await download(created.id, 0);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="photo\.jpg"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(jpeg)).toBe(true);

    // The thread's REST view agrees with what was pushed.
    const thread = await hx.api<{ data: WireMessage[] }>(`/api/conversations/${(await conversationOf(created.id))}/messages`);
    expect(thread.body.data.find((m) => m.id === created.id)?.attachments[0]?.storageKey).toBe(settled.attachments[0]?.storageKey);
  });

  it('records a file announced over the cap as too large without fetching it, and the route says so', async () => {
    const owner = newOwner('赵', '业主');
    tg.addFile('huge-video', Buffer.alloc(MAX_BYTES + 10, 3), { filePath: 'documents/huge.mp4' });
    const caption = '监控录像太大了';
    const { created, settled } = await receive(documentUpdate(owner, caption, { fileId: 'huge-video', fileName: '录像.mp4', mimeType: 'video/mp4', size: MAX_BYTES + 10 }), caption);
    expect(settled.attachments[0]).toMatchObject({ skipped: 'too large' });
    expect(settled.attachments[0]?.storageKey).toBeUndefined();
    expect(tg.calls.some((c) => c.method === 'getFile' && c.params.file_id === 'huge-video')).toBe(false);
    expect(tg.downloads).not.toContain('documents/huge.mp4');

    const res = await download(created.id, 0);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'attachment not kept: too large', reason: 'too large' });
  });

  it('stops a download that runs past the cap when no size was given anywhere', async () => {
    const owner = newOwner('钱', '业主');
    tg.addFile('silent-big', Buffer.alloc(MAX_BYTES * 3, 4), { filePath: 'documents/silent.pdf', reportedSize: null, chunked: true });
    const caption = '合同扫描件';
    const { settled } = await receive(documentUpdate(owner, caption, { fileId: 'silent-big', fileName: '合同.pdf', mimeType: 'application/pdf' }), caption);
    expect(settled.attachments[0]).toMatchObject({ skipped: 'too large' });
    expect(tg.downloads).toContain('documents/silent.pdf');
  });

  it('records a file Telegram no longer has as expired', async () => {
    const owner = newOwner('孙', '业主');
    const caption = '三天前的照片';
    const { created, settled } = await receive(photoUpdate(owner, caption, { fileId: 'gone-photo', size: 900 }), caption);
    expect(settled.attachments[0]).toMatchObject({ skipped: 'expired' });
    expect((await download(created.id, 0)).status).toBe(404);
  });

  it('retries a download that fails twice, stores it once and never downloads it again', async () => {
    const owner = newOwner('周', '业主');
    const bytes = Buffer.concat([jpeg, Buffer.from('flaky')]);
    tg.addFile('flaky-photo', bytes, { filePath: 'photos/flaky.jpg' });
    tg.failNextDownloads(1, 'reset');
    tg.failNextDownloads(1, 502);
    const caption = '楼道灯不亮（网络不好）';
    const update = photoUpdate(owner, caption, { fileId: 'flaky-photo', size: bytes.length });
    const { created, settled } = await receive(update, caption);
    expect(settled.attachments[0]?.storageKey).toMatch(/^email-blob:/);
    expect(tg.downloads.filter((p) => p === 'photos/flaky.jpg')).toHaveLength(3);
    expect(Buffer.from(await (await download(created.id, 0)).arrayBuffer()).equals(bytes)).toBe(true);

    // A redelivered update and a second job for the same message download nothing.
    expect((await hx.webhook(update)).status).toBe(200);
    const before = await completedJobs(created.id);
    await hx.deps.jobs.enqueueMediaDownload?.(created.id);
    await eventually(async () => (await completedJobs(created.id)) > before);
    expect(tg.downloads.filter((p) => p === 'photos/flaky.jpg')).toHaveLength(3);
    const blobs = await hx.database.db.execute(sql`select count(*)::int as n from email_blobs where sha256 = ${settled.attachments[0]!.storageKey!.slice('email-blob:'.length)}`);
    const rows = (Array.isArray(blobs) ? blobs : (blobs as { rows: unknown[] }).rows) as { n: number }[];
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('answers a restricted agent who cannot read the conversation with 404, and audio with ranges', async () => {
    const owner = newOwner('吴', '业主');
    const voice = Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 251));
    tg.addFile('voice-1', voice, { filePath: 'voice/file_5.oga' });
    const caption = '';
    const base = textUpdate(owner, 'placeholder');
    const message = { ...base.message! } as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.voice = { file_id: 'voice-1', file_unique_id: 'AQADvoice', duration: 3, mime_type: 'audio/ogg', file_size: voice.length };
    const settled = nextEvent<MessageEvent>(socket, 'message.updated', (p) => p.message.attachments[0]?.fileId === 'voice-1' && Boolean(p.message.attachments[0]?.storageKey), 20_000);
    expect((await hx.webhook({ ...base, message })).status).toBe(200);
    const kept = (await settled).message;
    expect(kept.content).toBe(caption);

    const clerk = await createAgent(hx, '小王', 'restricted_agent');
    const refused = await download(kept.id, 0, clerk.token);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: 'message not found' });

    const part = await download(kept.id, 0, hx.token, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('audio/ogg');
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${voice.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(voice.subarray(100, 200))).toBe(true);
  });
});

async function conversationOf(messageId: string): Promise<string> {
  const result = await hx.database.db.execute(sql`select conversation_id from messages where id = ${messageId}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { conversation_id: string }[];
  return rows[0]!.conversation_id;
}
