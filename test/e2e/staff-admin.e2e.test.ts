/**
 * Staff accounts in real browsers: the admin invites an agent (temporary password shown once),
 * the agent signs in in a second browser and changes the password under My account; the admin
 * switches the agent off, and the agent's open app loses its session at once (the server drops
 * the socket, the reconnect is refused, the app shows the sign-in screen) and the next sign-in
 * is refused; switched on and reset, the temporary password works; "end all sessions" signs the
 * agent out again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { ADMIN, startTestServer, type TestServer } from '../support/huixin.js';

let hx: TestServer;
let browser: Browser;
let admin: Page;
let agent: Page;

const AGENT = { name: '李客服', email: 'li.kefu@wuye.example.com' };

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

beforeAll(async () => {
  hx = await startTestServer();
  browser = await launchBrowser();
  admin = await (await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 800 } })).newPage();
  agent = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } })).newPage();
  await admin.goto(hx.url + '/');
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByTestId('current-user').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
});

it('invite, sign in, switch off (sessions end at once), switch on, reset, end all sessions', async () => {
  // Invite: the temporary password is shown once.
  await admin.getByTestId('staff-nav').click();
  await admin.getByTestId('staff-layer').waitFor();
  await admin.getByTestId('staff-add').click();
  await admin.getByTestId('staff-create-name').fill(AGENT.name);
  await admin.getByTestId('staff-create-email').fill(AGENT.email);
  await admin.getByTestId('staff-create-role').selectOption('agent');
  await admin.getByTestId('staff-create-submit').click();
  const first = (await admin.getByTestId('staff-temp-password').textContent()) ?? '';
  expect(first).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await screenshot(admin, 'staff-invited');
  await admin.getByTestId('staff-temp-done').click();
  await expect(admin.getByTestId('staff-temp-password').count()).resolves.toBe(0);
  const row = admin.locator(`[data-testid="staff-row"][data-email="${AGENT.email}"]`);
  await expect.poll(() => row.getAttribute('data-state')).toBe('active');
  expect(await row.getByTestId('staff-role').inputValue()).toBe('agent');

  // The agent signs in with it and picks an own password.
  await agent.goto(hx.url + '/');
  await signIn(agent, AGENT.email, first);
  await agent.getByTestId('current-user').waitFor();
  await agent.getByTestId('account-nav').click();
  await agent.getByTestId('my-sessions').getByTestId('session-item').first().waitFor();
  expect(await agent.locator('[data-testid="session-item"][data-current="true"]').count()).toBe(1);
  await agent.getByTestId('account-pw-current').fill('not the password');
  await agent.getByTestId('account-pw-new').fill('li kefu own password 1');
  await agent.getByTestId('account-pw-confirm').fill('li kefu own password 1');
  await agent.getByTestId('account-pw-submit').click();
  await expect.poll(() => agent.getByRole('alert').or(agent.locator('.notice--error')).first().textContent()).toContain('当前密码不正确');
  await agent.getByTestId('account-pw-current').fill(first);
  await agent.getByTestId('account-pw-submit').click();
  await agent.getByTestId('account-pw-done').waitFor();
  await agent.getByTestId('staff-close').click();
  await agent.getByTestId('connection-banner').waitFor({ state: 'detached' });

  // The admin changes the role in place, then switches the account off.
  await row.getByTestId('staff-role').selectOption('restricted_agent');
  await expect.poll(async () => (await hx.api<{ data: { email?: string; role: string }[] }>('/api/users')).body.data.find((u) => u.email === AGENT.email)?.role).toBe('restricted_agent');
  await row.getByTestId('staff-disable').click();
  await expect.poll(() => admin.getByTestId('staff-disable-dialog').textContent()).toContain('sessions end now');
  await admin.getByTestId('staff-disable-confirm').click();
  await expect.poll(() => row.getAttribute('data-state')).toBe('disabled');

  // The agent's open app loses its session without the agent doing anything.
  await agent.getByTestId('login-email').waitFor({ timeout: 15_000 });
  expect(await agent.getByTestId('current-user').count()).toBe(0);
  await screenshot(agent, 'staff-agent-signed-out');
  await signIn(agent, AGENT.email, 'li kefu own password 1');
  await agent.getByTestId('login-error').waitFor();
  expect(await agent.getByTestId('current-user').count()).toBe(0);
  const refused = await hx.api('/api/auth/login', { method: 'POST', body: { email: AGENT.email, password: 'li kefu own password 1' }, token: null });
  expect(refused.status).toBe(403);

  // Switched on and reset: the new temporary password works, the agent's own one does not.
  await row.getByTestId('staff-enable').click();
  await expect.poll(() => row.getAttribute('data-state')).toBe('active');
  await row.getByTestId('staff-reset').click();
  await admin.getByTestId('staff-reset-confirm').click();
  const reset = (await admin.getByTestId('staff-temp-password').textContent()) ?? '';
  expect(reset).toMatch(/\S{10,}/);
  expect(reset).not.toBe(first);
  await screenshot(admin, 'staff-reset-password');
  await admin.getByTestId('staff-temp-done').click();
  expect((await hx.api('/api/auth/login', { method: 'POST', body: { email: AGENT.email, password: 'li kefu own password 1' }, token: null })).status).toBe(401);
  await agent.reload();
  await signIn(agent, AGENT.email, reset);
  await agent.getByTestId('current-user').waitFor();

  // The admin sees the agent's session and ends them all: the agent is signed out again.
  await row.getByTestId('staff-sessions-toggle').click();
  const sessions = admin.getByTestId('staff-user-sessions');
  await expect.poll(() => sessions.getByTestId('session-item').count()).toBeGreaterThanOrEqual(1);
  await sessions.getByTestId('staff-sessions-end-all').click();
  await expect.poll(() => sessions.getByTestId('session-item').count()).toBe(0);
  await agent.getByTestId('login-email').waitFor({ timeout: 15_000 });
});
