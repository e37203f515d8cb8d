/**
 * The ticket loop in a real browser: an owner's Telegram complaint is escalated to a ticket from
 * the thread, the owner's (fake) Telegram receives the number and the deadline, the ticket
 * breaches and climbs the ladder (the countdown turns amber, then red), it is resolved, the
 * survey buttons arrive, and a score of 1 reopens it — all seen live by the agent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sweepTickets } from '../../src/services/tickets/index.js';
import { createAgent } from '../support/agents.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';
import { buttonTap, keyboardOf, sh, testClock } from '../support/tickets.js';

let tg: FakeTelegram;
let hx: TestServer;
let browser: Browser;
// Monday 09:00 in Shanghai, office hours.
const t = testClock(sh('2026-11-23T09:00'));

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' } });
  await createAgent(hx, '钱主管', 'supervisor');
  // Complaints, high: answer within 30 working minutes, resolve within 120; warn at half.
  const policy = await hx.api('/api/sla-policies', {
    method: 'POST',
    body: { name: '投诉 高', category: 'complaint', priority: 'high', calendarId: 'office-hours', firstResponseMinutes: 30, resolutionMinutes: 120, warnAtPercent: 50 },
  });
  expect(policy.status).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await tg?.close();
});

/** Moves the server's clock and runs the SLA sweep at that instant. */
async function at(local: string) {
  t.set(sh(local));
  return sweepTickets(hx.deps, { now: t.now() });
}

it('escalates a Telegram complaint, climbs on breach, and reopens on a score of 1', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ state: 'attached' });

  const owner = newOwner('吴', '业主');
  expect((await hx.webhook(textUpdate(owner, '楼上装修噪音太大，晚上十点还在施工'))).status).toBe(200);
  await page.getByTestId('conversation-item').filter({ hasText: '吴 业主' }).click();
  await page.getByTestId('message').filter({ hasText: '装修噪音' }).waitFor();

  // Escalate from the thread: the summary is prefilled from what the owner wrote.
  await page.getByTestId('escalate-open').click();
  const dialog = page.getByTestId('escalate-dialog');
  await expect.poll(() => dialog.getByTestId('escalate-summary').inputValue(), { timeout: 10_000 }).toContain('装修噪音');
  await dialog.getByTestId('escalate-category').selectOption('complaint');
  await dialog.getByTestId('escalate-priority').selectOption('high');
  await dialog.getByTestId('escalate-department').selectOption({ label: '秩序部' });
  await dialog.getByTestId('escalate-location').fill('5栋 1801');
  await screenshot(page, 'tickets-escalate-dialog');
  await dialog.getByTestId('escalate-submit').click();
  await page.getByTestId('escalate-created').filter({ hasText: 'WO-20261123-0001' }).waitFor();

  // The owner hears the number and the promised time over Telegram.
  const notice = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && String(c.params.text).includes('WO-20261123-0001'), 10_000);
  expect(notice.params.text).toContain('2026-11-23 09:30');

  await page.getByTestId('thread-ticket').filter({ hasText: 'WO-20261123-0001' }).click();
  const view = page.getByTestId('ticket-view');
  await view.waitFor();
  await expect.poll(() => view.getByTestId('sla-first-response').getAttribute('data-tone'), { timeout: 10_000 }).toBe('ok');
  expect(await view.getByTestId('ticket-accountable').innerText()).toBe('Admin');

  // Half the first-response budget used: at risk, one rung up; the countdown turns amber.
  expect((await at('2026-11-23T09:15')).escalations).toEqual([expect.objectContaining({ level: 1, reason: 'at_risk' })]);
  await expect.poll(() => view.getByTestId('sla-first-response').getAttribute('data-tone'), { timeout: 10_000 }).toBe('amber');
  await page.getByTestId('ticket-alert').filter({ hasText: 'WO-20261123-0001' }).first().waitFor();
  await screenshot(page, 'tickets-view-at-risk');

  // Past the deadline: breached, another rung; red.
  expect((await at('2026-11-23T09:31')).escalations).toEqual([expect.objectContaining({ level: 2, reason: 'breached' })]);
  await expect.poll(() => view.getByTestId('sla-first-response').getAttribute('data-tone'), { timeout: 10_000 }).toBe('red');
  await expect.poll(() => view.getByTestId('ticket-level').getAttribute('data-level'), { timeout: 10_000 }).toBe('2');
  await screenshot(page, 'tickets-view-breached');

  // The board shows it in 秩序部's column.
  await page.getByTestId('tickets-board-link').click();
  await page.getByTestId('ticket-board-column').filter({ hasText: '秩序部' }).getByTestId('ticket-card').filter({ hasText: 'WO-20261123-0001' }).waitFor();
  await screenshot(page, 'tickets-board');
  await page.getByTestId('ticket-board-column').filter({ hasText: '秩序部' }).getByTestId('ticket-card').first().click();

  // Resolved: the owner gets the survey, five buttons.
  t.set(sh('2026-11-23T10:10'));
  await view.getByTestId('ticket-action-resolved').click();
  await expect.poll(() => view.getAttribute('data-status'), { timeout: 10_000 }).toBe('resolved');
  const survey = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && keyboardOf(c.params).length > 0, 10_000);
  const buttons = keyboardOf(survey.params).flat();
  expect(buttons.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);

  // The owner taps 1: acknowledged, reopened live, the supervisor alerted.
  const tap = buttonTap(owner, buttons[0]!.callback_data);
  expect((await hx.webhook(tap)).status).toBe(200);
  await tg.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === tap.callback_query?.id);
  await expect.poll(() => view.getAttribute('data-status'), { timeout: 10_000 }).toBe('reopened');
  await view.getByTestId('ticket-survey-score').filter({ hasText: '1/5' }).waitFor();
  await view.getByTestId('ticket-escalations').filter({ hasText: '业主不满意' }).waitFor();
  await screenshot(page, 'tickets-view-reopened');
  await context.close();
});
