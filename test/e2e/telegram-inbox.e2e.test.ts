/**
 * The walking skeleton in a real browser: an agent logs in, an owner's Telegram message
 * appears live without a reload, the agent replies, and the (fake) Bot API receives it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

let tg: FakeTelegram;
let hx: TestServer;
let browser: Browser;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await tg?.close();
});

it('an owner’s Telegram message appears live, the agent replies, Telegram receives it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  // The interface follows the browser's language.
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

  const owner = newOwner('陈', '业主');
  const sentAt = Date.now();
  expect((await hx.webhook(textUpdate(owner, '你好，地下车库B2的灯坏了'))).status).toBe(200);
  const item = page.getByTestId('conversation-item').filter({ hasText: '陈 业主' });
  await item.waitFor({ timeout: 5000 });
  const appearedMs = Date.now() - sentAt;
  expect(appearedMs).toBeLessThan(5000);
  await screenshot(page, 'inbox-new-conversation');

  await item.click();
  await page.getByTestId('message').filter({ hasText: '地下车库B2的灯坏了' }).waitFor();
  await page.getByTestId('composer-input').fill('您好，已通知维修部，今天下午处理。');
  await page.getByTestId('composer-send').click();

  const call = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id), 10_000);
  expect(call.params.text).toBe('您好，已通知维修部，今天下午处理。');
  const outbound = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '已通知维修部' });
  await expect.poll(async () => outbound.getAttribute('data-delivery'), { timeout: 10_000 }).toBe('sent');
  await screenshot(page, 'inbox-thread-reply-sent');

  // Switching the language changes the interface text.
  await page.getByTestId('lang-switch').selectOption('en');
  await expect.poll(async () => page.locator('html').getAttribute('lang')).toBe('en');
  await context.close();
});
