/**
 * The owners' forum in real browsers: an owner (on a phone-sized screen, no help from script)
 * signs up, verifies the address from the mail the real SMTP sink received, and posts in 报修;
 * the topic appears live in the agent's inbox; the agent answers publicly; the owner sees the
 * staff answer on the topic and gets the notification mail. Then a reported post walks
 * through the review queue in inbox-ui.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { ForumClient, linkIn, signUpOwner, smtpEnv, topicIdFrom } from '../support/forum-client.js';
import { ADMIN, startTestServer, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let sink: SmtpSink;
let hx: TestServer;
let browser: Browser;
let agentContext: BrowserContext;
let ownerContext: BrowserContext;
let agent: Page;
let owner: Page;

const OWNER = { email: 'huang.owner@example.com', name: '黄女士', password: 'huang password 2024' };

beforeAll(async () => {
  sink = await startSmtpSink();
  hx = await startTestServer({ env: smtpEnv(sink) });
  browser = await launchBrowser();
  agentContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  // The owner uses a phone; the forum runs no script at all, so none is allowed here.
  ownerContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  agent = await agentContext.newPage();
  owner = await ownerContext.newPage();
  await agent.goto(hx.url + '/');
  await agent.getByTestId('login-email').fill(ADMIN.email);
  await agent.getByTestId('login-password').fill(ADMIN.password);
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('current-user').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await hx?.close();
  await sink?.stop();
});

it('an owner signs up, posts in 报修, the agent answers publicly, the owner sees it and is mailed', async () => {
  await owner.goto(hx.url + '/forum/signup');
  await owner.getByLabel('邮箱').fill(OWNER.email);
  await owner.getByLabel('昵称').fill(OWNER.name);
  await owner.getByLabel('密码').fill(OWNER.password);
  await owner.getByLabel('楼栋/房号（可选）').fill('7栋 502');
  await owner.getByTestId('forum-signup-submit').click();
  await owner.getByTestId('forum-check-email').waitFor();

  const verification = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER.email));
  await owner.goto(linkIn(verification, `${hx.url}/forum/verify?token=`));
  await owner.getByTestId('forum-token-submit').click();
  await expect.poll(() => owner.getByTestId('forum-notice').textContent()).toContain('邮箱验证成功');
  await owner.getByLabel('邮箱').fill(OWNER.email);
  await owner.getByLabel('密码').fill(OWNER.password);
  await owner.getByTestId('forum-login-submit').click();
  await owner.getByTestId('forum-account').waitFor();

  await owner.goto(hx.url + '/forum/b/repairs');
  await owner.getByTestId('forum-new-topic').click();
  await owner.getByLabel('标题').fill('7栋楼道灯不亮');
  await owner.getByLabel('内容').fill('7栋5楼楼道灯已经坏了三天，晚上很黑，请尽快维修。');
  const postedAt = Date.now();
  await owner.getByTestId('forum-submit').click();
  await owner.getByTestId('forum-topic-title').waitFor();
  const topicId = topicIdFrom(owner.url());
  await screenshot(owner, 'forum-owner-topic-posted');

  // The topic arrives in the agent's inbox without a reload.
  const item = agent.getByTestId('conversation-item').filter({ hasText: '7栋楼道灯不亮' });
  await item.waitFor({ timeout: 10_000 });
  expect(Date.now() - postedAt).toBeLessThan(10_000);
  await item.click();
  await agent.getByTestId('message').filter({ hasText: '楼道灯已经坏了三天' }).waitFor();
  expect(await agent.getByTestId('composer-forum-visibility').inputValue()).toBe('public');
  await agent.getByTestId('composer-input').fill('黄女士您好，已安排电工今天下午更换7栋5楼的楼道灯。');
  await agent.getByTestId('composer-send').click();
  const answer = agent.locator('[data-testid="message"][data-direction="out"]').filter({ hasText: '已安排电工' });
  await expect.poll(() => answer.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
  await screenshot(agent, 'forum-agent-answered');

  await owner.goto(`${hx.url}/forum/t/${topicId}`);
  const staffPost = owner.locator('[data-testid="forum-post"][data-staff="true"]');
  await expect.poll(() => staffPost.textContent()).toContain('已安排电工今天下午更换');
  expect(await staffPost.getByTestId('staff-badge').textContent()).toBe('客服中心');
  await screenshot(owner, 'forum-owner-sees-staff-answer');

  const notice = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER.email) && /客服中心回复/.test(m.parsed.subject ?? ''));
  expect(notice.parsed.text).toContain('已安排电工今天下午更换');
});

it('a reported post walks through the review queue', async () => {
  // Posts publish at once here, so the report is what brings this one to the queue.
  expect((await hx.api('/api/forum/settings', { method: 'PUT', body: { premoderationThreshold: 0 } })).status).toBe(200);
  const poster: ForumClient = await signUpOwner(hx.url, sink, { email: 'seller@example.com', name: '路人甲' });
  const posted = await poster.post('/forum/b/neighbours/new', { title: '低价代办各种证件', body: '加微信 daiban888，价格优惠。' }, { fromPage: '/forum/b/neighbours/new', files: [] });
  const topicId = topicIdFrom(posted.location);

  // The moderator has the queue open before the report comes in.
  await agent.getByTestId('forum-nav').click();
  await agent.getByTestId('forum-layer').waitFor();
  await owner.goto(`${hx.url}/forum/t/${topicId}`);
  await owner.locator('details.flag summary').first().click();
  await owner.getByLabel('举报原因').selectOption('spam');
  await owner.getByLabel('补充说明（可选）').fill('违规广告');
  await owner.getByRole('button', { name: '提交举报' }).click();
  await expect.poll(() => owner.getByTestId('forum-notice').textContent()).toContain('已收到您的举报');

  const queued = agent.getByTestId('forum-queue-item').filter({ hasText: '低价代办各种证件' });
  await queued.waitFor({ timeout: 10_000 });
  await queued.click();
  const detail = agent.getByTestId('forum-item');
  await expect.poll(() => detail.getByTestId('forum-item-reasons').textContent()).toContain('广告或垃圾信息: 违规广告');
  await agent.getByTestId('forum-claim').click();
  await expect.poll(() => agent.getByTestId('forum-claim').textContent()).toBe('放弃认领');
  await agent.getByTestId('forum-reason').fill('发布违规广告，已隐藏');
  await agent.getByTestId('forum-reject').click();
  await expect.poll(() => detail.getAttribute('data-state')).toBe('rejected');
  await expect.poll(() => detail.getByTestId('forum-history-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['flagged', 'claimed', 'decided.reject']);
  await screenshot(agent, 'forum-review-queue-decided');

  // Hidden for everyone but its author, who sees why.
  expect((await new ForumClient(hx.url).get(`/forum/t/${topicId}`)).status).toBe(404);
  expect((await poster.get(`/forum/t/${topicId}`)).html).toContain('发布违规广告，已隐藏');
});
