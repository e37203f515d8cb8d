/**
 * Owners' media in a real browser: a Telegram photo is kept at ingest and appears in the open
 * thread as a thumbnail (loaded with the session cookie, decoded by chromium), opens in the
 * viewer, zooms, and closes with Escape; a file over the cap says it was not kept.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Update } from 'grammy/types';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';

const MAX_BYTES = 50_000;
const jpeg = readFileSync(new URL('../../channels/telegram/fixtures/photo-leak.jpg', import.meta.url));

let tg: FakeTelegram;
let hx: TestServer;
let browser: Browser;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { MEDIA_MAX_BYTES: String(MAX_BYTES) } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await tg?.close();
});

function withContent(owner: Owner, content: Record<string, unknown>): Update {
  const base = textUpdate(owner, 'placeholder');
  const message = { ...base.message!, ...content } as Record<string, unknown>;
  delete message.text;
  delete message.entities;
  return { ...base, message } as unknown as Update;
}

it('shows the owner’s photo inline, opens it in the viewer and says when a file was not kept', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();

  const owner = newOwner('郑', '业主');
  tg.addFile('e2e-leak', jpeg, { filePath: 'photos/file_77.jpg' });
  const photo = withContent(owner, {
    caption: '阳台天花板渗水',
    photo: [{ file_id: 'e2e-leak', file_unique_id: 'AQADe2e', file_size: jpeg.length, width: 320, height: 240 }],
  });
  expect((await hx.webhook(photo)).status).toBe(200);
  await page.getByTestId('conversation-item').filter({ hasText: '郑 业主' }).click();
  const message = page.getByTestId('message').filter({ hasText: '阳台天花板渗水' });
  await message.waitFor();

  // The thumbnail is a real decoded image, fetched with the session cookie.
  const thumb = message.getByTestId('attachment-image');
  await thumb.waitFor({ timeout: 20_000 });
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(320);
  await screenshot(page, 'media-photo-inline');

  await message.getByTestId('attachment-thumb').click();
  const viewer = page.getByTestId('media-viewer');
  await viewer.waitFor();
  const large = viewer.getByTestId('media-viewer-image');
  await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  expect(await viewer.getAttribute('data-zoom')).toBe('fit');
  await viewer.getByTestId('media-viewer-zoom').click();
  expect(await viewer.getAttribute('data-zoom')).toBe('actual');
  await screenshot(page, 'media-photo-viewer');
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  // Focus returns to the thumbnail that opened the viewer.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('attachment-thumb');

  // A file over the cap is not fetched and says why, in the agent's language.
  tg.addFile('e2e-huge', Buffer.alloc(MAX_BYTES + 1, 5), { filePath: 'documents/huge.pdf' });
  const huge = withContent(owner, {
    caption: '物业合同扫描件',
    document: { file_id: 'e2e-huge', file_unique_id: 'AQADhuge', file_name: '合同.pdf', mime_type: 'application/pdf', file_size: MAX_BYTES + 1 },
  });
  expect((await hx.webhook(huge)).status).toBe(200);
  const skipped = page.getByTestId('message').filter({ hasText: '物业合同扫描件' }).getByTestId('attachment-skipped');
  await skipped.waitFor({ timeout: 20_000 });
  expect(await skipped.textContent()).toBe('未保存：文件过大');
  await context.close();
});
