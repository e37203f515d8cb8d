/**
 * The email channel in a real browser: a mail delivered into Dovecot appears live in the
 * inbox, the agent reads the trimmed text (the original and the formatted mail one click
 * away, remote images only on request), replies with an attachment; the owner's client reads
 * the reply from the SMTP server, answers with proper In-Reply-To, and that answer lands in
 * the same conversation live. The admin screen shows the mailbox being watched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { ADMIN, eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { answerTo, composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';

const OWNER = 'chen.jing@owner.example';

let dovecot: DovecotServer;
let sink: SmtpSink;
let hx: TestServer;
let browser: Browser;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX_USER] });
  sink = await startSmtpSink();
  hx = await startTestServer({
    env: mailboxEnv(dovecot, sink, { EMAIL_PLUS_ADDRESSING: 'true' }),
  });
  await eventually(async () => hx.email.runtime.status(hx.email.envInboxId ?? '')?.lastSyncAt, 15_000);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
});

it('a mail arrives live, the agent replies with a file, the owner’s threaded answer joins the conversation', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(hx.url + '/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ state: 'attached' });

  const ownerId = ownerMessageId();
  const deliveredAt = Date.now();
  await dovecot.deliver(
    MAILBOX,
    await composeMail({
      from: `陈静 <${OWNER}>`,
      to: MAILBOX,
      subject: '地下车库B2漏水',
      text: '您好，地下车库B2靠近电梯口的位置一直在漏水，地面很滑。\n\n陈静\n5栋1单元801',
      html: '<p>您好，地下车库B2靠近电梯口的位置一直在<b>漏水</b>，地面很滑。</p><p><img src="https://cdn.owner.example/photo.jpg" alt="现场"></p><p>陈静<br>5栋1单元801</p>',
      messageId: ownerId,
    }),
  );
  const item = page.getByTestId('conversation-item').filter({ hasText: '陈静' });
  await item.waitFor({ timeout: 15_000 });
  console.info(`[email e2e] delivered → visible in the inbox in ${Date.now() - deliveredAt} ms`);
  await screenshot(page, 'email-new-conversation');

  await item.click();
  const inbound = page.locator('[data-testid="message"][data-direction="in"]').first();
  await inbound.getByTestId('email-text').filter({ hasText: '一直在漏水' }).waitFor();
  expect(await inbound.getByTestId('email-placement').getAttribute('data-reason')).toBe('no-reply-headers');

  // The sender's formatting, with the tracking-prone remote image held back until asked for.
  await inbound.getByTestId('email-toggle-html').click();
  const frame = inbound.getByTestId('email-html');
  await frame.waitFor();
  expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
  expect(await frame.getAttribute('srcdoc')).toContain('data-remote-src="https://cdn.owner.example/photo.jpg"');
  expect(await frame.getAttribute('srcdoc')).not.toMatch(/\ssrc="https:\/\/cdn\.owner\.example/);
  await screenshot(page, 'email-formatted-remote-blocked');
  await inbound.getByTestId('email-load-images').click();
  await expect.poll(async () => frame.getAttribute('srcdoc')).toMatch(/\ssrc="https:\/\/cdn\.owner\.example\/photo\.jpg"/);
  await inbound.getByTestId('email-toggle-html').click();

  // The automatic acknowledgement is in the thread as the bot's, with the reference number.
  const ack = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '受理编号 HX-' });
  await expect.poll(async () => ack.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');

  // Reply with a file from the composer.
  await page.getByTestId('composer-input').fill('陈女士您好，已通知工程部今天下午处理车库漏水，处理安排见附件。');
  await page.getByTestId('composer-attach-input').setInputFiles({ name: '维修安排.txt', mimeType: 'text/plain', buffer: Buffer.from('工程部 14:00 到场处理') });
  await page.getByTestId('composer-attachment').filter({ hasText: '维修安排.txt' }).waitFor();
  await page.getByTestId('composer-send').click();

  // The automatic acknowledgement went first (Auto-Submitted); the agent's reply is the other mail.
  const sent = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER) && !m.parsed.headers.has('auto-submitted'), 20_000);
  expect(sent.parsed.subject).toBe('Re: 地下车库B2漏水');
  expect(sent.parsed.inReplyTo).toBe(ownerId);
  expect(sent.parsed.attachments.map((a) => a.filename)).toEqual(['维修安排.txt']);
  const outbound = page.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '已通知工程部' });
  await expect.poll(async () => outbound.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
  await screenshot(page, 'email-reply-sent');

  // The owner's client threads our reply under theirs and answers it.
  const answer = await answerTo(sent, `陈静 <${OWNER}>`, '好的，谢谢，我下午在家。');
  expect(answer.to).toMatch(/^kefu\+[a-z0-9]+@wuye\.example\.com$/);
  await dovecot.deliver(answer.to, answer.raw);
  const reply = page.locator('[data-testid="message"][data-direction="in"]').filter({ hasText: '我下午在家' });
  await reply.waitFor({ timeout: 15_000 });
  expect(await reply.getByTestId('email-placement').getAttribute('data-reason')).toBe('in-reply-to');
  // Only the new text is shown; the quoted history is one click away.
  expect(await reply.getByTestId('email-text').innerText()).toBe('好的，谢谢，我下午在家。');
  await reply.getByTestId('email-toggle-original').click();
  expect(await reply.getByTestId('email-original').innerText()).toContain('写道');
  expect(await page.getByTestId('conversation-item').filter({ hasText: '陈静' }).count()).toBe(1);
  await screenshot(page, 'email-owner-answer-threaded');

  // The admin screen: the mailbox from the environment, being watched.
  await page.getByTestId('mailboxes-nav').click();
  const card = page.getByTestId('mailbox-card').filter({ hasText: MAILBOX });
  await card.waitFor();
  await expect.poll(async () => card.getByTestId('mailbox-status').getAttribute('data-state')).toBe('watching');
  await screenshot(page, 'email-mailboxes-admin');
  await page.getByTestId('mailbox-add').click();
  await page.getByTestId('mailbox-form').waitFor();
  await page.getByTestId('mb-from-address').fill('weixiu@wuye.example.com');
  expect(await page.getByTestId('mb-acknowledge').isChecked()).toBe(true);
  await screenshot(page, 'email-mailbox-form');
  await context.close();
});
