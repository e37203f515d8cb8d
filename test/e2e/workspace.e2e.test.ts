/**
 * The agent workspace in a real browser: round-robin across two agents in two browser
 * contexts, the collision warning, canned replies with variables and the tone check, search,
 * reconnect catch-up, and the main screens (also at phone width) saved as screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { userRoom } from '../../src/realtime/gateway.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';
import { importRoster } from '../support/roster.js';

let tg: FakeTelegram;
let hx: TestServer;
let browser: Browser;
let li: TestAgent;
let wang: TestAgent;
let pageLi: Page;
let pageWang: Page;
const contexts: BrowserContext[] = [];
const owners: Owner[] = [];

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { AUTO_ASSIGN: 'true' } });
  li = await createAgent(hx, '李娜');
  wang = await createAgent(hx, '王强');
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hx?.close();
  await tg?.close();
});

async function signIn(agent: TestAgent, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(agent.email);
  await page.getByTestId('login-password').fill(agent.password);
  await page.getByTestId('login-submit').click();
  // Attached, not visible: at phone width the header hides the user's name.
  await page.getByTestId('current-user').waitFor({ state: 'attached' });
  return page;
}

const item = (page: Page, name: string) => page.getByTestId('conversation-item').filter({ hasText: name });

async function ownerWrites(first: string, last: string, text: string): Promise<Owner> {
  const owner = newOwner(first, last);
  owners.push(owner);
  expect((await hx.webhook(textUpdate(owner, text))).status).toBe(200);
  return owner;
}

describe('workspace', () => {
  it('round-robins new conversations between two online agents', async () => {
    pageLi = await signIn(li);
    pageWang = await signIn(wang);
    for (const page of [pageLi, pageWang]) await expect.poll(() => page.getByTestId('presence-select').inputValue()).toBe('online');
    await expect.poll(async () => (await hx.api<{ data: { status: string }[] }>('/api/presence')).body.data.filter((p) => p.status === 'online').length).toBe(2);

    await ownerWrites('陈', '业主', '您好，3栋厨房漏水，楼下也漏水了');
    await ownerWrites('赵', '女士', '地下车库B2的灯坏了');
    await ownerWrites('孙', '阿姨', '电梯又停了');
    await ownerWrites('周', '先生', '物业费发票怎么开');

    for (const page of [pageLi, pageWang]) {
      await page.getByTestId('view-mine').click();
      await expect.poll(() => page.getByTestId('conversation-item').count(), { timeout: 10_000 }).toBe(2);
    }
    const mineLi = await pageLi.getByTestId('conversation-item').allInnerTexts();
    const mineWang = await pageWang.getByTestId('conversation-item').allInnerTexts();
    expect(mineLi.some((text) => mineWang.includes(text))).toBe(false);
    await screenshot(pageLi, 'workspace-round-robin-mine');
  });

  it('warns when two agents reply to the same owner at once', async () => {
    for (const page of [pageLi, pageWang]) {
      await page.getByTestId('view-all').click();
      await item(page, '陈 业主').click();
      await page.getByTestId('message').filter({ hasText: '漏水' }).first().waitFor();
    }
    await expect.poll(() => pageLi.getByTestId('collision-info').innerText()).toContain('王强');
    await pageLi.getByTestId('composer-input').fill('您好，');
    await pageWang.getByTestId('composer-input').pressSequentially('我来处理');
    await pageLi.getByTestId('collision-warning').waitFor();
    await expect.poll(() => pageLi.getByTestId('collision-warning').innerText()).toContain('王强');
    await screenshot(pageLi, 'workspace-collision-warning');
    await pageWang.getByTestId('composer-input').fill('');
    await pageLi.getByTestId('composer-input').fill('');
  });

  it('inserts a standard phrase with its variables filled, and checks the tone before sending', async () => {
    const input = pageLi.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/hello');
    await pageLi.getByTestId('canned-picker-item').first().waitFor();
    await screenshot(pageLi, 'workspace-canned-picker');
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('陈 业主您好，这里是Telegram，我是客服代表李娜，很高兴为您服务。');

    // No ticket yet: the promise phrase keeps {{ticket.number}} and may not be sent.
    await input.fill('');
    await input.pressSequentially('/承诺');
    await pageLi.getByTestId('canned-picker-item').first().waitFor();
    await input.press('Enter');
    await pageLi.getByTestId('unresolved-variables').waitFor();
    await expect.poll(() => pageLi.getByTestId('unresolved-variables').innerText()).toContain('{{ticket.number}}');
    expect(await pageLi.getByTestId('composer-send').isDisabled()).toBe(true);

    await input.fill('这不归我们管，你自己去查一下');
    await pageLi.getByTestId('composer-send').click();
    await pageLi.getByTestId('tone-warning').waitFor();
    await screenshot(pageLi, 'workspace-tone-check');
    await pageLi.getByTestId('tone-edit').click();
    await input.fill('您好，我们已通知维修部，今天下午上门处理。');
    await pageLi.getByTestId('composer-send').click();
    const owner = owners[0]!;
    const call = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id), 10_000);
    expect(call.params.text).toBe('您好，我们已通知维修部，今天下午上门处理。');
  });

  it('finds Chinese text and opens the conversation from a highlighted hit', async () => {
    await pageWang.getByTestId('search-input').fill('车库');
    const hit = pageWang.getByTestId('search-hit').first();
    await hit.waitFor();
    await expect.poll(() => hit.locator('mark').first().innerText()).toBe('车库');
    await screenshot(pageWang, 'workspace-search');
    await hit.click();
    await expect.poll(() => pageWang.getByTestId('thread-contact').innerText()).toBe('赵 女士');
  });

  it('catches up on everything missed while the socket was down', async () => {
    await item(pageLi, '赵 女士').click();
    await pageLi.getByTestId('message').filter({ hasText: '车库' }).waitFor();
    // Block the reconnect handshake, then drop the connection from the server side.
    await pageLi.route('**/socket.io/**', (route) => route.abort());
    await hx.gateway.io.in(userRoom(li.id)).disconnectSockets(true);
    await pageLi.getByTestId('connection-banner').waitFor();

    const zhao = owners[1]!;
    for (const text of ['灯还是不亮', '晚上很黑', '请尽快处理']) await hx.webhook(textUpdate(zhao, text));
    await ownerWrites('吴', '先生', '断网期间的新会话');

    await pageLi.unroute('**/socket.io/**');
    await pageLi.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
    for (const text of ['灯还是不亮', '晚上很黑', '请尽快处理']) await pageLi.getByTestId('message').filter({ hasText: text }).waitFor();
    await item(pageLi, '吴 先生').waitFor();
    await screenshot(pageLi, 'workspace-after-reconnect');
  });

  it('logs a phone call, shows the owner sidebar and the shortcut sheet, and fits a phone screen', async () => {
    await importRoster(hx, '翠苑小区,5栋,1单元,302室,80,钱阿姨,13800001234,业主\n');
    await pageLi.getByTestId('log-open').click();
    await pageLi.getByTestId('log-name').fill('钱阿姨');
    await pageLi.getByTestId('log-phone').fill('13800001234');
    await pageLi.getByTestId('log-unit').fill('5-1-302');
    await pageLi.getByTestId('log-notes').fill('业主来电：楼道灯不亮');
    await screenshot(pageLi, 'workspace-log-call');
    await pageLi.getByTestId('log-save').click();
    await expect.poll(() => pageLi.getByTestId('thread-contact').innerText()).toBe('钱阿姨');
    await pageLi.getByTestId('contact-sidebar').waitFor();
    await expect.poll(() => pageLi.getByTestId('contact-unit').innerText()).toBe('5-1-302');
    // What was typed for the owner is a hint until an agent binds a unit of the registry.
    await expect.poll(() => pageLi.getByTestId('contact-units').innerText()).toContain('业主自述的房号（5-1-302）尚未核实');
    // The agent checks and binds: the search starts from the owner's words, the roster person is chosen.
    await pageLi.getByTestId('unit-binder-hit').filter({ hasText: '5栋1单元302' }).click();
    await pageLi.getByTestId('unit-binder-person').filter({ hasText: '钱阿姨（业主）' }).click();
    const bound = pageLi.getByTestId('contact-unit-bound');
    await expect.poll(() => bound.innerText()).toContain('翠苑小区 5栋1单元302');
    expect(await bound.innerText()).toContain('李娜 核实于');
    expect(await bound.innerText()).toContain('钱阿姨 · 业主 · 13800001234');
    await screenshot(pageLi, 'workspace-phone-log-and-owner');

    await pageLi.locator('body').click({ position: { x: 5, y: 700 } });
    await pageLi.keyboard.press('?');
    await pageLi.getByTestId('shortcut-sheet').waitFor();
    await screenshot(pageLi, 'workspace-shortcuts');
    await pageLi.keyboard.press('Escape');
    await pageLi.getByTestId('shortcut-sheet').waitFor({ state: 'detached' });

    await pageLi.getByTestId('team-open').click();
    await pageLi.getByTestId('team-dialog').getByText('王强').waitFor();
    await screenshot(pageLi, 'workspace-team');
    await pageLi.keyboard.press('Escape');

    const phone = await signIn(li, { width: 390, height: 844 });
    await phone.getByTestId('view-all').click();
    await screenshot(phone, 'workspace-phone-list');
    await item(phone, '陈 业主').click();
    await phone.getByTestId('composer-input').waitFor();
    expect(await phone.getByTestId('composer-input').isVisible()).toBe(true);
    await screenshot(phone, 'workspace-phone-thread');
  });
});
