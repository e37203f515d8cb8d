/**
 * The inboxes screen in a real browser: the admin opens it from the header, adds a Telegram
 * inbox with the form generated from GET /api/channels, sees it listed with its webhook URL
 * and its secrets shown only as "set", tests it against the (fake) Bot API and disables it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, startTestServer, type TestServer } from '../support/huixin.js';

const TOKEN = '7000000501:AAEstateBrowserBotTokenForTests_ab';

let tg: FakeTelegram;
let hx: TestServer;
let browser: Browser;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN });
  hx = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await tg?.close();
});

it('adds a Telegram inbox through the screen and lists it with its webhook URL', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();

  await page.getByTestId('inboxes-nav').click();
  await page.getByTestId('inboxes-layer').waitFor();
  await page.getByTestId('inbox-add-telegram').click();
  await page.getByTestId('inbox-field-name').fill('二期 Telegram');
  await page.getByTestId('inbox-field-botToken').fill(TOKEN);
  await page.getByTestId('inbox-field-webhookSecret').fill('browser_estate_secret');
  await page.getByTestId('inbox-field-apiRoot').fill(tg.apiRoot);
  expect(await page.getByTestId('inbox-field-botToken').getAttribute('type')).toBe('password');
  await page.getByTestId('inbox-save').click();

  const card = page.getByTestId('inbox-card').filter({ hasText: '二期 Telegram' });
  await card.waitFor();
  const id = await card.getAttribute('data-inbox-id');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await card.getByTestId('inbox-webhook-url').textContent()).toBe(`${hx.url}/webhooks/telegram/${id}`);
  expect(await page.content()).not.toContain('browser_estate_secret');

  await card.getByTestId('inbox-test').click();
  await card.getByTestId('inbox-test-result').filter({ hasText: '@fake_huixin_bot' }).waitFor();
  await screenshot(page, 'inboxes-admin-telegram-added');

  // Editing shows the stored secrets as set, never their values.
  await card.getByTestId('inbox-edit').click();
  await page.getByTestId('inbox-secret-set-botToken').waitFor();
  expect(await page.getByTestId('inbox-field-botToken').inputValue()).toBe('');
  await page.getByTestId('inbox-field-name').fill('二期 Telegram 机器人');
  await page.getByTestId('inbox-save').click();
  const renamed = page.getByTestId('inbox-card').filter({ hasText: '二期 Telegram 机器人' });
  await renamed.waitFor();

  await renamed.getByTestId('inbox-toggle').click();
  await page.locator(`[data-testid="inbox-card"][data-inbox-id="${id}"][data-disabled="true"]`).waitFor();
  const webhook = await fetch(`${hx.url}/webhooks/telegram/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'browser_estate_secret' },
    body: '{}',
  });
  expect(webhook.status).toBe(404);
  await context.close();
});
