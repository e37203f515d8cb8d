/**
 * A message stored where no media job was enqueued (the Workers entry, or a process that
 * stopped right after the commit) still gets its files kept: the media sweep finds it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { messages } from '../../db/schema/index.js';
import { normalizeTelegramUpdate } from '../../channels/telegram/normalize.js';
import { MEDIA_SWEEP_QUEUE, type Jobs } from '../../src/jobs/queue.js';
import { receiveInbound } from '../../src/services/receive-inbound.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

const jpeg = readFileSync(new URL('../../channels/telegram/fixtures/photo-leak.jpg', import.meta.url));
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

it('keeps the photo of a message whose media job was never enqueued', async () => {
  tg.addFile('swept-photo', jpeg, { filePath: 'photos/swept.jpg' });
  const base = textUpdate(newOwner('冯', '业主'), 'placeholder');
  const message = { ...base.message!, caption: '车位地面积水' } as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  message.photo = [{ file_id: 'swept-photo', file_unique_id: 'AQADswept', file_size: jpeg.length, width: 320, height: 240 }];
  const items = normalizeTelegramUpdate({ ...base, message } as unknown as Update, hx.telegramInboxId!, { receivedAt: clock.now() });

  // What the Workers entry does: ingest with a queue that has no media job.
  const [result] = await receiveInbound({ ...hx.deps, jobs: { enqueueDelivery: async () => {} } }, items);
  const id = result!.messageId!;
  const stored = async () => (await hx.database.db.select({ a: messages.attachments }).from(messages).where(eq(messages.id, id)))[0]?.a[0];
  expect(await stored()).toMatchObject({ fileId: 'swept-photo' });
  expect((await stored())?.storageKey).toBeUndefined();

  // A fresh message is left to its own job; once it is overdue the sweep enqueues one.
  const jobs = hx.deps.jobs as Jobs;
  offsetMs = 2 * 60_000;
  await jobs.boss.send(MEDIA_SWEEP_QUEUE, {});
  const kept = await eventually(async () => (await stored())?.storageKey, 20_000);
  expect(kept).toMatch(/^email-blob:/);
  expect(tg.downloads.filter((p) => p === 'photos/swept.jpg')).toHaveLength(1);
});
