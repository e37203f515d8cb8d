/**
 * The bot screen (机器人) in a real browser: the admin switches the bot on and edits the
 * emergency number and words, the out-of-hours notice and the Telegram welcome text, in Chinese
 * and in English, and after a reload finds them kept (read back from the server, not the
 * page). An agent without settings.manage has no way to the screen. A reply the bot sends to
 * a Telegram owner shows in the thread with the bot badge.
 *
 * Instant answers, against the real answers API: the admin sees and changes the answer
 * threshold, creates an answer with keywords and phrasings pasted in the usual ways, tries an
 * owner's question and sees its score (the same the API computes) and that the bot would
 * answer, tries a weak one that would go to a person, edits and switches the answer off and on,
 * sees the shown and helpful counts rise once a Telegram owner got the answer and tapped
 * "有帮助", and deletes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';
import { buttonTap, keyboardOf } from '../support/tickets.js';

interface BotSettingsBody {
  enabled: boolean;
  emergencyWords: string[];
  emergencyPhone: string;
  offHoursNotice: string;
}

interface AnswerBody {
  id: string;
  question: string;
  keywords: string[];
  phrasings: string[];
  answer: string;
  locale: string;
  enabled: boolean;
  shown: number;
  helpful: number;
  unhelpful: number;
}
interface TryBody {
  threshold: number;
  best: { id: string; question: string; score: number } | null;
  answers: boolean;
  candidates: { id: string; question: string; score: number }[];
}

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

async function signedIn(locale: 'zh-CN' | 'en', email = ADMIN.email, password = ADMIN.password): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

const settings = async () => (await hx.api<BotSettingsBody>('/api/bot/settings')).body;

it('in Chinese: switches the bot on, changes the emergency number and words, and finds them kept after a reload', async () => {
  expect((await settings()).enabled).toBe(false);
  const page = await signedIn('zh-CN');
  // The way in is on the inboxes screen: the bot answers on those chat inboxes.
  await page.getByTestId('inboxes-nav').click();
  expect(await page.getByTestId('bot-nav').textContent()).toBe('机器人');
  await page.getByTestId('bot-nav').click();
  await page.getByTestId('bot-layer').waitFor();
  expect(await page.getByTestId('bot-settings').locator('h2').textContent()).toBe('机器人设置');
  expect(await page.getByTestId('bot-enabled').isChecked()).toBe(false);

  await page.getByTestId('bot-enabled').check();
  await page.getByTestId('bot-emergency-phone').fill('0755-8888 1234');
  // Pasted as written in a document: Chinese commas and 、, and a repeat.
  await page.getByTestId('bot-emergency-words').fill('漏水，困人、燃气\n着火\n漏水');
  // A placeholder the server does not fill is pointed out before it reaches an owner.
  await page.getByTestId('bot-notice').fill('下班了，{open} 上班。紧急请拨 {phone}');
  await expect.poll(() => page.getByTestId('bot-notice-unknown').textContent()).toContain('{open}');
  await page.getByTestId('bot-notice').fill('下班了，{opensAt} 上班。紧急请拨 {phone}');
  expect(await page.getByTestId('bot-notice-unknown').count()).toBe(0);
  // The preview fills both placeholders, the number with the one being typed.
  const preview = (await page.getByTestId('bot-notice-preview').textContent()) ?? '';
  expect(preview).toMatch(/下班了，\d{4}-\d{2}-\d{2} 08:30 上班。紧急请拨 0755-8888 1234/);

  await page.getByTestId('bot-settings-save').click();
  expect(await page.getByTestId('bot-settings-saved').textContent()).toBe('已保存');
  await screenshot(page, 'bot-admin-settings-zh');
  const stored = await settings();
  expect(stored.enabled).toBe(true);
  expect(stored.emergencyPhone).toBe('0755-8888 1234');
  expect(stored.emergencyWords).toEqual(['漏水', '困人', '燃气', '着火']);
  expect(stored.offHoursNotice).toBe('下班了，{opensAt} 上班。紧急请拨 {phone}');

  // Editing again clears the "saved" mark, so it never claims a change that was not sent.
  await page.getByTestId('bot-emergency-phone').fill('0755-8888 12345');
  expect(await page.getByTestId('bot-settings-saved').count()).toBe(0);
  await page.getByTestId('bot-emergency-phone').fill('0755-8888 1234');

  await page.reload();
  await page.getByTestId('bot-layer').waitFor();
  await expect.poll(() => page.getByTestId('bot-emergency-phone').inputValue()).toBe('0755-8888 1234');
  expect(await page.getByTestId('bot-enabled').isChecked()).toBe(true);
  expect(await page.getByTestId('bot-emergency-words').inputValue()).toBe('漏水\n困人\n燃气\n着火');
  expect(await page.getByTestId('bot-notice').inputValue()).toBe('下班了，{opensAt} 上班。紧急请拨 {phone}');

  // The Telegram welcome text is saved on its own and kept as well.
  await page.getByTestId('bot-welcome-text').fill('您好，这里是汇信物业客服。');
  await page.getByTestId('bot-welcome-save').click();
  expect(await page.getByTestId('bot-welcome-saved').textContent()).toBe('已保存');
  expect((await hx.api<{ text: string }>('/api/settings/telegram-welcome')).body.text).toBe('您好，这里是汇信物业客服。');
  await page.reload();
  await expect.poll(() => page.getByTestId('bot-welcome-text').inputValue()).toBe('您好，这里是汇信物业客服。');
  await page.context().close();
});

it('in English: edits the emergency number, sees the server’s refusal of a bad value, and finds the change kept after a reload', async () => {
  const page = await signedIn('en');
  await page.getByTestId('inboxes-nav').click();
  await page.getByTestId('bot-nav').click();
  await page.getByTestId('bot-layer').waitFor();
  expect(await page.getByTestId('bot-settings').locator('h2').textContent()).toBe('Bot settings');
  await expect.poll(() => page.getByTestId('bot-emergency-phone').inputValue()).toBe('0755-8888 1234');
  expect(await page.getByTestId('bot-enabled').isChecked()).toBe(true);
  const hint = (await page.getByTestId('bot-settings').textContent()) ?? '';
  expect(hint).toContain('{opensAt} becomes the next opening time');
  expect(hint).toContain('{phone} the emergency number');

  // Longer than the server's 40 characters (the field's maxLength is lifted to reach the server).
  await page.getByTestId('bot-emergency-phone').evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByTestId('bot-emergency-phone').fill('1'.repeat(41));
  await page.getByTestId('bot-settings-save').click();
  await expect.poll(() => page.getByTestId('bot-settings-error').textContent()).toContain('Could not save');
  expect(await page.getByTestId('bot-settings-saved').count()).toBe(0);
  expect((await settings()).emergencyPhone).toBe('0755-8888 1234');

  await page.getByTestId('bot-emergency-phone').fill('+86 400 800 1234');
  await page.getByTestId('bot-enabled').uncheck();
  await page.getByTestId('bot-settings-save').click();
  expect(await page.getByTestId('bot-settings-saved').textContent()).toBe('Saved');
  expect(await page.getByTestId('bot-settings-error').count()).toBe(0);
  await screenshot(page, 'bot-admin-settings-en');

  await page.reload();
  await page.getByTestId('bot-layer').waitFor();
  await expect.poll(() => page.getByTestId('bot-emergency-phone').inputValue()).toBe('+86 400 800 1234');
  expect(await page.getByTestId('bot-enabled').isChecked()).toBe(false);
  // What the Chinese session saved is untouched by this one's partial change of mind.
  expect(await page.getByTestId('bot-emergency-words').inputValue()).toBe('漏水\n困人\n燃气\n着火');

  // Switching the language in the app relabels the same screen.
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect.poll(() => page.getByTestId('bot-settings').locator('h2').textContent()).toBe('机器人设置');
  await page.getByTestId('lang-switch').selectOption('en');
  await page.getByTestId('bot-enabled').check();
  await page.getByTestId('bot-settings-save').click();
  await page.getByTestId('bot-settings-saved').waitFor();
  expect((await settings()).enabled).toBe(true);
  await page.context().close();
});

it('offers no bot screen to an agent without settings.manage', async () => {
  const email = 'bot-agent@example.com';
  const password = 'agent password 123';
  expect((await hx.api('/api/users', { method: 'POST', body: { email, name: '王客服', password, role: 'agent' } })).status).toBe(201);
  const page = await signedIn('zh-CN', email, password);
  expect(await page.getByTestId('inboxes-nav').count()).toBe(0);
  await page.goto(hx.url + '/#/settings/inboxes');
  await page.getByTestId('current-user').waitFor();
  expect(await page.getByTestId('bot-nav').count()).toBe(0);
  await page.goto(hx.url + '/#/settings/bot');
  await page.getByTestId('current-user').waitFor();
  expect(await page.getByTestId('bot-layer').count()).toBe(0);
  await page.context().close();
});

it('shows the bot badge on what the bot said to a Telegram owner, and not on the owner’s own message', async () => {
  expect((await settings()).enabled).toBe(true);
  const owner = { ...newOwner('陈业主'), language_code: 'zh-hans' };
  expect((await hx.webhook(textUpdate(owner, '/start'))).status).toBe(200);
  await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id), 15_000);
  const conversationId = await eventually(async () => {
    const list = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
    return list.body.data.find((c) => c.contact.name === owner.first_name)?.id;
  });

  const page = await signedIn('zh-CN');
  await page.goto(`${hx.url}/#/c/${conversationId}`);
  const fromBot = page.locator('[data-testid="message"][data-direction="out"]').first();
  await fromBot.waitFor();
  expect(await fromBot.getByTestId('message-bot-badge').textContent()).toBe('机器人');
  const fromOwner = page.locator('[data-testid="message"][data-direction="in"]').first();
  expect(await fromOwner.textContent()).toContain('/start');
  expect(await fromOwner.getByTestId('message-bot-badge').count()).toBe(0);
  await screenshot(page, 'bot-admin-thread-badge');

  await page.getByTestId('lang-switch').selectOption('en');
  await expect.poll(() => fromBot.getByTestId('message-bot-badge').textContent()).toBe('Bot');
  await page.context().close();
});

const QUESTION = '物业费怎么交？';
const ANSWER = '物业费可在“汇信物业”公众号缴费，或到客服中心前台用微信、支付宝、银行卡缴纳。';

describe('instant answers', () => {
  let page: Page;

  beforeAll(async () => {
    page = await signedIn('zh-CN');
    await page.getByTestId('inboxes-nav').click();
    await page.getByTestId('bot-nav').click();
    await page.getByTestId('bot-layer').waitFor();
  });

  afterAll(async () => {
    await page?.context().close();
  });

  const answers = async () => (await hx.api<{ data: AnswerBody[] }>('/api/bot/answers')).body.data;
  const percent = (score: number) => `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;

  it('shows the answer threshold the server sends and keeps a change to it', async () => {
    const server = (await hx.api<{ answerThreshold: number }>('/api/bot/settings')).body.answerThreshold;
    expect(typeof server).toBe('number');
    await expect.poll(() => page.getByTestId('bot-threshold').inputValue()).toBe(String(server));
    await page.getByTestId('bot-threshold').fill('1.5');
    expect(await page.getByTestId('bot-settings-save').isDisabled()).toBe(true);
    await page.getByTestId('bot-threshold').fill('0.35');
    await page.getByTestId('bot-enabled').check();
    await page.getByTestId('bot-settings-save').click();
    await page.getByTestId('bot-settings-saved').waitFor();
    expect((await hx.api<{ answerThreshold: number; enabled: boolean }>('/api/bot/settings')).body).toMatchObject({ answerThreshold: 0.35, enabled: true });
    await page.reload();
    await expect.poll(() => page.getByTestId('bot-threshold').inputValue()).toBe('0.35');
  });

  it('creates an answer, tries a question that matches it and sees the score and that the bot would answer', async () => {
    await page.getByTestId('bot-answer-add').click();
    await page.getByTestId('bot-answer-question').fill(QUESTION);
    await page.getByTestId('bot-answer-locale').selectOption('zh-CN');
    await page.getByTestId('bot-answer-keywords').fill('物业费，缴费、交费\n物业费');
    await page.getByTestId('bot-answer-phrasings').fill('物业费在哪里交，能用微信吗\n怎么缴纳物业费');
    await page.getByTestId('bot-answer-text').fill(ANSWER);
    await page.getByTestId('bot-answer-save').click();

    const card = page.getByTestId('bot-answer-card').filter({ hasText: QUESTION });
    await card.waitFor();
    const [stored] = await answers();
    expect(stored).toMatchObject({ question: QUESTION, keywords: ['物业费', '缴费', '交费'], phrasings: ['物业费在哪里交，能用微信吗', '怎么缴纳物业费'], answer: ANSWER, locale: 'zh-CN', enabled: true });
    expect(await card.getAttribute('data-answer-id')).toBe(stored!.id);
    expect(await card.getByTestId('bot-answer-counts').textContent()).toBe('展示 0 次 · 有帮助 0 · 没帮助 0');

    await page.getByTestId('bot-try-text').fill('请问物业费怎么交');
    await page.getByTestId('bot-try-submit').click();
    const result = page.getByTestId('bot-try-result');
    await result.waitFor();
    const api = (await hx.api<TryBody>('/api/bot/answers/try', { method: 'POST', body: { text: '请问物业费怎么交' } })).body;
    expect(api.answers).toBe(true);
    expect(api.best?.id).toBe(stored!.id);
    expect(await result.getAttribute('data-answers')).toBe('true');
    const verdict = (await page.getByTestId('bot-try-verdict').textContent()) ?? '';
    expect(verdict).toContain(`机器人会用“${QUESTION}”答复`);
    expect(verdict).toContain(`匹配分 ${percent(api.best!.score)}`);
    expect(verdict).toContain(`阈值 ${percent(api.threshold)}`);
    const candidate = page.locator(`[data-testid="bot-try-candidate"][data-answer-id="${stored!.id}"]`);
    expect(await candidate.getByTestId('bot-try-score').textContent()).toBe(percent(api.best!.score));
    expect(Number(await candidate.getAttribute('data-score'))).toBeCloseTo(api.best!.score, 6);
    await screenshot(page, 'bot-admin-answers-try');

    // A question the answer does not cover is handed to a person.
    await page.getByTestId('bot-try-text').fill('电梯困人了，快来人');
    await page.getByTestId('bot-try-submit').click();
    await expect.poll(() => result.getAttribute('data-answers')).toBe('false');
    expect(await page.getByTestId('bot-try-verdict').textContent()).toContain('机器人不会答复');
  });

  it('edits the answer and switches it off and on', async () => {
    const card = page.getByTestId('bot-answer-card').filter({ hasText: QUESTION });
    await card.getByTestId('bot-answer-edit').click();
    expect(await page.getByTestId('bot-answer-keywords').inputValue()).toBe('物业费\n缴费\n交费');
    await page.getByTestId('bot-answer-text').fill(`${ANSWER}\n逾期不收滞纳金。`);
    await page.getByTestId('bot-answer-save').click();
    await expect.poll(async () => (await answers())[0]?.answer).toBe(`${ANSWER}\n逾期不收滞纳金。`);
    await expect.poll(() => card.textContent()).toContain('逾期不收滞纳金。');

    await card.getByTestId('bot-answer-toggle').click();
    await expect.poll(() => card.getAttribute('data-enabled')).toBe('false');
    expect((await answers())[0]?.enabled).toBe(false);
    await card.getByTestId('bot-answer-toggle').click();
    await expect.poll(() => card.getAttribute('data-enabled')).toBe('true');
  });

  it('counts the answer as shown once the bot gave it to a Telegram owner, and as helpful once the owner said so', async () => {
    const owner = { ...newOwner('缴费业主'), language_code: 'zh-hans' };
    expect((await hx.webhook(textUpdate(owner, '物业费怎么交啊'))).status).toBe(200);
    const given = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && String(c.params.text).includes('公众号缴费'), 15_000);
    await eventually(async () => (await answers())[0]?.shown === 1);
    await page.reload();
    const card = page.getByTestId('bot-answer-card').filter({ hasText: QUESTION });
    const counts = card.getByTestId('bot-answer-counts');
    await expect.poll(() => counts.getAttribute('data-shown')).toBe('1');
    expect(await counts.textContent()).toBe('展示 1 次 · 有帮助 0 · 没帮助 0');

    const helped = keyboardOf(given.params)
      .flat()
      .find((b) => b.text === '有帮助');
    expect(helped?.callback_data).toBeTruthy();
    expect((await hx.webhook(buttonTap(owner, helped!.callback_data))).status).toBe(200);
    await eventually(async () => (await answers())[0]?.helpful === 1);
    await page.reload();
    await expect.poll(() => counts.getAttribute('data-helpful')).toBe('1');
    expect(await counts.textContent()).toBe('展示 1 次 · 有帮助 1 · 没帮助 0 · 100% 有帮助');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'bot-admin-answers-counts');
  });

  it('deletes the answer after a confirmation', async () => {
    const card = page.getByTestId('bot-answer-card').filter({ hasText: QUESTION });
    await card.getByTestId('bot-answer-delete').click();
    expect(await answers()).toHaveLength(1);
    await card.getByTestId('bot-answer-delete-confirm').click();
    await expect.poll(() => page.getByTestId('bot-answer-card').count()).toBe(0);
    expect(await answers()).toEqual([]);
    // The English screen says the same in English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('bot-answers').textContent()).toContain('No instant answers yet.');
  });
});
