/**
 * Owners posting and the inbox answering: service-board topics open forum conversations
 * (live), agents answer publicly (staff badge on the topic, notification mail) or privately,
 * owners' later replies join the conversation; uploads checked by content; hostile posts
 * inert; search, pagination, quoting, "my topics", the private message form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyGif, tinyPng } from '../../channels/forum/fixtures/images.js';
import { sweepForumTriage } from '../../src/jobs/forum-triage-sweep.js';
import { viewerForSession } from '../../src/services/forum/accounts.js';
import { listBoards } from '../../src/services/forum/boards.js';
import type { ForumDeps } from '../../src/services/forum/deps.js';
import { createTopic } from '../../src/services/forum/write.js';
import { ForumClient, linkIn, signUpOwner, smtpEnv, topicIdFrom } from '../support/forum-client.js';
import { eventually, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let sink: SmtpSink;
let hx: TestServer;
let owner: ForumClient;
let neighbour: ForumClient;

interface Conversation {
  id: string;
  channel: string;
  subject: string | null;
  contact: { id: string; name: string };
}
interface Message {
  id: string;
  direction: string;
  content: string;
  meta: Record<string, unknown>;
  delivery: { status: string } | null;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  hx = await startTestServer({ env: { ...smtpEnv(sink), FORUM_POSTS_PER_10_MIN: '100', FORUM_UPLOAD_MAX_BYTES: '2048' } });
  // Pre-moderation is the review-queue suite's subject; here posts publish at once.
  expect((await hx.api('/api/forum/settings', { method: 'PUT', body: { premoderationThreshold: 0 } })).status).toBe(200);
  owner = await signUpOwner(hx.url, sink, { email: 'li@example.com', name: '李先生' });
  neighbour = await signUpOwner(hx.url, sink, { email: 'zhou@example.com', name: '周阿姨' });
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
});

async function newTopic(client: ForumClient, board: string, title: string, body: string, files?: { field: string; name: string; type: string; data: Uint8Array }[]) {
  const r = await client.post(`/forum/b/${board}/new`, { title, body }, { fromPage: `/forum/b/${board}/new`, files: files ?? [] });
  expect(r.status, r.html.slice(0, 300)).toBe(303);
  return topicIdFrom(r.location);
}

async function reply(client: ForumClient, topicId: string, body: string) {
  const r = await client.post(`/forum/t/${topicId}/reply`, { body }, { fromPage: `/forum/t/${topicId}`, files: [] });
  expect(r.status, r.html.slice(0, 300)).toBe(303);
  return r;
}

const messagesOf = async (conversationId: string) => (await hx.api<{ data: Message[] }>(`/api/conversations/${conversationId}/messages`)).body.data;

describe('service boards feed the inbox', () => {
  let topicId: string;
  let conversationId: string;

  it('opens a forum conversation live when an owner posts in 报修', async () => {
    const agent = await hx.socket();
    const created = nextEvent<{ conversation: Conversation }>(agent, 'conversation.created', (p) => p.conversation.channel === 'forum');
    topicId = await newTopic(owner, 'repairs', '3栋电梯异响', '电梯运行时有**异响**，请尽快检修。', [{ field: 'images', name: 'lift.png', type: 'image/png', data: tinyPng() }]);
    const { conversation } = await created;
    conversationId = conversation.id;
    expect(conversation.subject).toBe('[报修] 3栋电梯异响');
    expect(conversation.contact.name).toBe('李先生');
    const [first] = await messagesOf(conversationId);
    expect(first?.content).toBe('3栋电梯异响\n\n电梯运行时有**异响**，请尽快检修。');
    expect(first?.meta).toMatchObject({ forumTopicId: topicId, forumImages: 1 });
  });

  it('posts a public answer on the topic with the staff badge and mails the owner', async () => {
    const sent = await hx.api<Message>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，已安排电梯维保单位今天下午检查。', forumVisibility: 'public' } });
    expect(sent.status).toBe(201);
    expect(sent.body.meta.forumVisibility).toBe('public');
    await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');

    const page = await new ForumClient(hx.url).get(`/forum/t/${topicId}`);
    const staffPost = page.html.slice(page.html.indexOf('data-staff="true"'));
    expect(staffPost).toContain('data-testid="staff-badge"');
    expect(staffPost).toContain('已安排电梯维保单位今天下午检查');

    const mail = await sink.waitForMessage((m) => m.envelope.rcptTo.includes('li@example.com') && /客服中心回复/.test(m.parsed.subject ?? ''));
    expect(mail.parsed.text).toContain('已安排电梯维保单位');
    expect(mail.raw.toString()).toMatch(/^List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:\d+\/forum\/unsubscribe\?token=/m);
    const link = linkIn(mail, `${hx.url}/forum/t/${topicId}/p/`);
    const jump = await owner.get(link.replace(hx.url, ''));
    expect(jump.status).toBe(303);
    expect(jump.location).toMatch(/#post-/);
  });

  it('joins owners’ later replies to the conversation', async () => {
    await reply(owner, topicId, '好的，谢谢！下午我在家。');
    await reply(neighbour, topicId, '我家这边的电梯也有同样的问题。');
    const msgs = await messagesOf(conversationId);
    expect(msgs.filter((m) => m.direction === 'in').map((m) => m.content)).toEqual([
      '3栋电梯异响\n\n电梯运行时有**异响**，请尽快检修。',
      '好的，谢谢！下午我在家。',
      '我家这边的电梯也有同样的问题。',
    ]);
    // The neighbour's reply notifies the topic's author; the author's own reply does not.
    await sink.waitForMessage((m) => m.envelope.rcptTo.includes('li@example.com') && /有人回复/.test(m.parsed.subject ?? ''));
  });

  it('sends a private answer only the owner sees, and the owner’s private reply joins the conversation', async () => {
    const sent = await hx.api<Message>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '请留一个方便联系的电话。', forumVisibility: 'private' } });
    expect(sent.status).toBe(201);
    await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');
    expect((await new ForumClient(hx.url).get(`/forum/t/${topicId}`)).html).not.toContain('请留一个方便联系的电话');
    expect((await neighbour.get('/forum/messages')).html).not.toContain('请留一个方便联系的电话');

    const box = await owner.get('/forum/messages');
    expect(box.html).toContain('请留一个方便联系的电话');
    expect(box.html).toContain('3栋电梯异响');
    await sink.waitForMessage((m) => m.envelope.rcptTo.includes('li@example.com') && /私信/.test(m.parsed.subject ?? ''));

    const r = await owner.post('/forum/messages', { conversationId, body: '电话 138 0000 0000' }, { fromPage: '/forum/messages' });
    expect(r.status).toBe(303);
    const last = (await messagesOf(conversationId)).at(-1);
    expect(last).toMatchObject({ direction: 'in', content: '电话 138 0000 0000', meta: { forumVisibility: 'private' } });
  });

  it('unsubscribes by the mailed link, after which no more notifications come', async () => {
    const mail = sink.messages.find((m) => m.envelope.rcptTo.includes('li@example.com') && /^List-Unsubscribe:/m.test(m.raw.toString()));
    const link = linkIn(mail!, `${hx.url}/forum/unsubscribe?token=`);
    // RFC 8058 one-click: a POST to the link itself, without a form or cookies.
    const r = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    expect((await owner.get('/forum/account')).html).toContain('邮件通知：关闭');
    const before = sink.messages.length;
    await reply(neighbour, topicId, '维修师傅已经来过了。');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.messages.slice(before).some((m) => m.envelope.rcptTo.includes('li@example.com'))).toBe(false);
  });
});

describe('other boards', () => {
  it('keeps neighbours’ talk out of the inbox until staff send it there; then replies follow', async () => {
    const topicId = await newTopic(owner, 'neighbours', '周末亲子活动', '有没有邻居一起组织？');
    const forumConversations = async () =>
      (await hx.api<{ data: Conversation[] }>('/api/conversations?channel=forum&status=all')).body.data.filter((c) => c.subject?.includes('周末亲子活动'));
    expect(await forumConversations()).toHaveLength(0);
    const page = await owner.get(`/forum/t/${topicId}`);
    const firstPostId = page.html.match(/id="post-([0-9a-f-]{36})"/)![1]!;
    const sent = await hx.api<{ conversationId: string }>(`/api/forum/posts/${firstPostId}/to-inbox`, { method: 'POST' });
    expect(sent.status).toBe(200);
    expect(await forumConversations()).toHaveLength(1);
    await reply(neighbour, topicId, '算我一个！');
    expect((await messagesOf(sent.body.conversationId)).map((m) => m.content)).toContain('算我一个！');
  });

  it('lets only staff open topics in 社区公告', async () => {
    const r = await owner.get('/forum/b/announcements/new');
    expect(r.status).toBe(403);
    expect(r.html).toContain('只有物业可以发布主题');
  });
});

describe('content safety', () => {
  it('renders a hostile post inert', async () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> [点我](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">x</a>';
    const topicId = await newTopic(owner, 'neighbours', '<b>标题</b><script>alert(6)</script>', hostile);
    const page = await new ForumClient(hx.url).get(`/forum/t/${topicId}`);
    expect(page.html).not.toMatch(/<script|<img src="?x|<a [^>]*href="javascript|<[a-z]+[^>]*\son[a-z]+=/i);
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('checks uploads by content and size, storing nothing on refusal', async () => {
    const boardPage = async () => (await owner.get('/forum/b/neighbours')).html.match(/data-testid="forum-topic"/g)?.length ?? 0;
    const before = await boardPage();
    const fake = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    for (const file of [
      { field: 'images', name: 'photo.png', type: 'image/png', data: fake },
      { field: 'images', name: 'pic.svg', type: 'image/svg+xml', data: fake },
      { field: 'images', name: 'big.png', type: 'image/png', data: new Uint8Array([...tinyPng(), ...new Uint8Array(4096)]) },
    ]) {
      const r = await owner.post('/forum/b/neighbours/new', { title: '图片', body: '看图' }, { fromPage: '/forum/b/neighbours/new', files: [file] });
      expect(r.status).toBe(400);
      expect(r.html).toMatch(/不是支持的图片|超过 2 KB/);
    }
    expect(await boardPage()).toBe(before);

    const topicId = await newTopic(owner, 'neighbours', '小区的花开了', '见图', [{ field: 'images', name: 'flower.dat', type: 'application/octet-stream', data: tinyGif() }]);
    const page = await owner.get(`/forum/t/${topicId}`);
    const src = page.html.match(/src="(\/forum\/images\/[0-9a-f-]{36})"/)![1]!;
    const img = await fetch(hx.url + src);
    expect(img.headers.get('content-type')).toBe('image/gif');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('finding things', () => {
  it('searches, pages, quotes and lists my topics', async () => {
    const topicId = await newTopic(neighbour, 'neighbours', '快递柜满了', '每天晚上快递柜都满了。');
    for (let i = 1; i <= 21; i++) await reply(neighbour, topicId, `第${i}条补充`);
    const page1 = await owner.get(`/forum/t/${topicId}`);
    expect(page1.html.match(/data-testid="forum-post"/g)).toHaveLength(20);
    expect(page1.html).toContain('第 1 / 2 页');
    const page2 = await owner.get(`/forum/t/${topicId}?page=2`);
    expect(page2.html).toContain('第21条补充');

    const hits = await new ForumClient(hx.url).get(`/forum/search?q=${encodeURIComponent('快递柜')}`);
    expect(hits.html.match(/data-testid="forum-search-hit"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(hits.html).toContain('快递柜满了');
    const none = await new ForumClient(hx.url).get(`/forum/search?q=${encodeURIComponent('100%_\\')}`);
    expect(none.status).toBe(200);

    const firstPostId = page1.html.match(/id="post-([0-9a-f-]{36})"/)![1]!;
    const quoting = await owner.get(`/forum/t/${topicId}?quote=${firstPostId}`);
    expect(quoting.html).toContain('&gt; **周阿姨**:\n&gt; 每天晚上快递柜都满了。');

    const mine = await neighbour.get('/forum/my');
    expect(mine.html).toContain('快递柜满了');
    expect(mine.html).not.toContain('小区的花开了');
  });

  it('opens a private conversation from the “message the service center” form', async () => {
    const r = await neighbour.post('/forum/messages', { body: '我想咨询物业费的缴纳方式。' }, { fromPage: '/forum/messages' });
    expect(r.status).toBe(303);
    const list = (await hx.api<{ data: Conversation[] }>('/api/conversations?channel=forum')).body.data;
    const conv = list.find((c) => c.contact.name === '周阿姨' && c.subject === null);
    expect(conv).toBeTruthy();
    const answer = await hx.api<Message>(`/api/conversations/${conv!.id}/messages`, { method: 'POST', body: { content: '可以在物业服务中心前台或线上缴纳。' } });
    expect(answer.status).toBe(201);
    await eventually(async () => (await neighbour.get('/forum/messages')).html.includes('可以在物业服务中心前台或线上缴纳'));
  });
});

describe('crash between storing and filing', () => {
  it('files a stored service-board topic that never reached the inbox, once', async () => {
    const later = { now: () => new Date(Date.now() + 60_000) };
    const deps: ForumDeps = { ...hx.deps, clock: later, mail: { enqueueMail: async () => {} }, secret: 'test-app-secret-0123456789abcdef', inboxId: hx.forumInboxId, publicUrl: () => hx.url };
    const viewer = await viewerForSession(deps, owner.cookies.get('hx_forum_session')!);
    const boards = await listBoards(hx.deps.db);
    // The web route would ingest right after this; here the process "stops" in between.
    const stored = await createTopic({ ...deps, clock: { now: () => new Date() } }, viewer!, { boardId: boards.find((b) => b.slug === 'complaints')!.id, title: '垃圾清运不及时', body: '3号垃圾站两天没清运了。', images: [] });
    expect(stored.ok).toBe(true);
    const filed = async () => (await hx.api<{ data: Conversation[] }>('/api/conversations?channel=forum')).body.data.filter((c) => c.subject === '[投诉建议] 垃圾清运不及时');
    expect(await filed()).toHaveLength(0);
    expect(await sweepForumTriage(deps)).toBe(1);
    expect(await filed()).toHaveLength(1);
    expect(await sweepForumTriage(deps)).toBe(0);
  });
});
