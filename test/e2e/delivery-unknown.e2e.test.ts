/**
 * A reply whose outcome is unknown (a worker died mid-send) in the real browser: the agent
 * sees "may have been sent — confirm or resend" instead of a failure, and either confirms it
 * (nothing is sent) or resends it (Telegram receives it once). Both update live.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { messages } from '../../db/schema/index.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
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

it('an unknown delivery offers confirm and resend, in zh-CN and en', async () => {
  const owner = newOwner('周', '业主');
  expect((await hx.webhook(textUpdate(owner, '快递柜打不开'))).status).toBe(200);
  const conv = await eventually(async () => {
    const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all');
    return res.body.data.find((c) => c.contact.name === '周 业主');
  });
  // As a worker that died mid-send leaves them once the sweep has looked at them.
  const reason = 'delivery interrupted; it may have been sent';
  await hx.deps.db.insert(messages).values([
    { conversationId: conv.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: '第一条：已派人查看', deliveryStatus: 'unknown', deliveryError: reason },
    { conversationId: conv.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: '第二条：请稍候', deliveryStatus: 'unknown', deliveryError: reason },
  ]);

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('conversation-item').filter({ hasText: '周 业主' }).click();

  const first = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '第一条' });
  const second = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '第二条' });
  await expect.poll(async () => first.getByTestId('delivery-status').textContent()).toContain('可能已发送');
  await screenshot(page, 'delivery-unknown');

  // Confirmed: marked sent, nothing goes to Telegram.
  await first.getByTestId('delivery-confirm-sent').click();
  await expect.poll(async () => first.getAttribute('data-delivery'), { timeout: 10_000 }).toBe('sent');
  expect(await first.getByTestId('delivery-confirm-sent').count()).toBe(0);

  // Resent, in English this time: Telegram receives it once.
  await page.getByTestId('lang-switch').selectOption('en');
  await expect.poll(async () => second.getByTestId('delivery-status').textContent()).toContain('May have been sent');
  await second.getByTestId('delivery-resend').click();
  await tg.waitFor('sendMessage', (c) => c.params.text === '第二条：请稍候', 10_000);
  await expect.poll(async () => second.getAttribute('data-delivery'), { timeout: 10_000 }).toBe('sent');
  const texts = tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id)).map((c) => c.params.text);
  expect(texts).toEqual(['第二条：请稍候']);
  await context.close();
});
