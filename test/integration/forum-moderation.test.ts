/**
 * The review queue and moderation over the real API and forum pages: pre-moderated first
 * posts, owners' flags, the word list; claims, decisions and history; live queue events; the
 * two roles (版主 curate their own boards, 论坛管理员 suspend/move/appoint but do not pin);
 * unit claims linking a forum account to an existing contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../db/schema/index.js';
import { ForumClient, signUpOwner, smtpEnv, topicIdFrom } from '../support/forum-client.js';
import { nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let sink: SmtpSink;
let hx: TestServer;
let owner: ForumClient;
let other: ForumClient;
const tokens: Record<'mod' | 'mod2' | 'forumAdmin' | 'agent', string> = { mod: '', mod2: '', forumAdmin: '', agent: '' };
const boards: Record<string, string> = {};

interface Item {
  id: string;
  kind: string;
  state: string;
  reasons: string[];
  post: { id: string; body: string; status: string };
  topic: { id: string; title: string };
  author: { accountId: string } | null;
  history: { action: string; actor: { name: string } | null; reason: string | null }[];
  claimedBy: { name: string } | null;
}

async function staff(key: keyof typeof tokens, name: string, role: string) {
  const email = `${key}@wuye.example.com`;
  expect((await hx.api('/api/users', { method: 'POST', body: { email, name, password: 'staff password 123', role } })).status).toBe(201);
  const login = await hx.api<{ token: string }>('/api/auth/login', { method: 'POST', body: { email, password: 'staff password 123' }, token: null });
  tokens[key] = login.body.token;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  hx = await startTestServer({ env: smtpEnv(sink) });
  await staff('mod', '版主小刘', 'board_moderator');
  await staff('mod2', '版主小陈', 'board_moderator');
  await staff('forumAdmin', '论坛管理员老王', 'forum_admin');
  await staff('agent', '客服小张', 'agent');
  const list = await hx.api<{ data: { id: string; slug: string }[] }>('/api/forum/boards');
  for (const b of list.body.data) boards[b.slug] = b.id;
  const users = await hx.api<{ data: { id: string; email: string }[] }>('/api/users');
  const idOf = (key: string) => users.body.data.find((u) => u.email === `${key}@wuye.example.com`)!.id;
  // The forum admin appoints: 小刘 and 小陈 moderate 邻里交流; nobody is appointed to 报修.
  const appoint = await hx.api(`/api/forum/boards/${boards.neighbours}/moderators`, { method: 'PUT', body: { userIds: [idOf('mod'), idOf('mod2')] }, token: tokens.forumAdmin });
  expect(appoint.status).toBe(200);
  expect((await hx.api(`/api/forum/boards/${boards.neighbours}/moderators`, { method: 'PUT', body: { userIds: [] }, token: tokens.mod })).status).toBe(403);
  owner = await signUpOwner(hx.url, sink, { email: 'qian@example.com', name: '钱先生', unit: '5栋 302' });
  other = await signUpOwner(hx.url, sink, { email: 'wu@example.com', name: '吴女士' });
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
});

const queue = (token: string, state = 'pending') => hx.api<{ data: Item[] }>(`/api/forum/moderation?state=${state}`, { token });
const item = (token: string, id: string) => hx.api<Item>(`/api/forum/moderation/${id}`, { token });
const decide = (token: string, id: string, decision: string, reason?: string) =>
  hx.api<{ error?: string }>(`/api/forum/moderation/${id}/decision`, { method: 'POST', body: { decision, reason }, token });

async function post(client: ForumClient, board: string, title: string, body: string) {
  const r = await client.post(`/forum/b/${board}/new`, { title, body }, { fromPage: `/forum/b/${board}/new`, files: [] });
  expect(r.status).toBe(303);
  return { topicId: topicIdFrom(r.location), pending: r.location!.includes('n=pending') };
}

describe('pre-moderation of a new owner’s first post', () => {
  let itemId: string;
  let topicId: string;

  it('holds the first post, queues it live, and shows it only to its author', async () => {
    const socket = await hx.socket(tokens.mod);
    const queued = nextEvent<{ item: { id: string; state: string } }>(socket, 'forum.moderation.updated', (p) => p.item.state === 'pending');
    const r = await post(owner, 'neighbours', '出租车位', '地下车库B2有车位出租，价格面议。');
    topicId = r.topicId;
    expect(r.pending).toBe(true);
    itemId = (await queued).item.id;
    // Payloads carry ids and states only; the words come from the API.
    const own = await owner.get(`/forum/t/${topicId}`);
    expect(own.html).toContain('正在等待版主审核');
    expect((await other.get(`/forum/t/${topicId}`)).status).toBe(404);
    expect((await other.get('/forum/b/neighbours')).html).not.toContain('出租车位');

    const list = await queue(tokens.mod);
    expect(list.body.data.map((i) => i.kind)).toEqual(['first_post']);
    // 小刘 moderates 邻里交流 only; the agent may not see the queue at all.
    expect((await queue(tokens.agent)).status).toBe(403);
  });

  it('lets one moderator claim it; another cannot decide it meanwhile', async () => {
    expect((await hx.api(`/api/forum/moderation/${itemId}/claim`, { method: 'POST', body: { claim: true }, token: tokens.mod })).status).toBe(200);
    const claimed = await queue(tokens.mod2);
    expect(claimed.body.data[0]?.claimedBy?.name).toBe('版主小刘');
    expect((await hx.api(`/api/forum/moderation/${itemId}/claim`, { method: 'POST', body: { claim: true }, token: tokens.mod2 })).status).toBe(409);
    expect((await decide(tokens.mod2, itemId, 'approve')).status).toBe(409);
    expect((await decide(tokens.mod, itemId, 'ignore')).status).toBe(422);
  });

  it('publishes it on approval and keeps the history', async () => {
    expect((await decide(tokens.mod, itemId, 'approve')).status).toBe(200);
    expect((await other.get(`/forum/t/${topicId}`)).status).toBe(200);
    expect((await decide(tokens.mod, itemId, 'reject', '晚了')).status).toBe(409);
    const detail = await item(tokens.mod, itemId);
    expect(detail.body.state).toBe('approved');
    expect(detail.body.history.map((h) => [h.action, h.actor?.name ?? null])).toEqual([
      ['queued.first_post', null],
      ['claimed', '版主小刘'],
      ['decided.approve', '版主小刘'],
    ]);
    // The threshold (1) is met: the next post publishes at once.
    expect((await post(owner, 'neighbours', '求推荐家政', '有没有靠谱的家政阿姨？')).pending).toBe(false);
  });
});

describe('flags and the word list', () => {
  it('queues owners’ reports with their reasons and hides a rejected post with a reason the author sees', async () => {
    const { topicId } = await post(owner, 'neighbours', '楼上太吵', '楼上每天半夜装修，真没素质！');
    const page = await other.get(`/forum/t/${topicId}`);
    const postId = page.html.match(/id="post-([0-9a-f-]{36})"/)![1]!;
    const flag = await other.post(`/forum/p/${postId}/flag`, { reason: 'abuse', detail: '人身攻击' }, { csrf: other.csrf(page.html) });
    expect(flag.status).toBe(303);
    const flagged = (await queue(tokens.mod)).body.data.find((i) => i.post.id === postId)!;
    expect(flagged).toMatchObject({ kind: 'flag', reasons: ['abuse: 人身攻击'] });
    expect((await decide(tokens.mod, flagged.id, 'reject')).status).toBe(422);
    expect((await decide(tokens.mod, flagged.id, 'reject', '请文明发言，不要使用侮辱性语言')).status).toBe(200);

    expect((await other.get(`/forum/t/${topicId}`)).status).toBe(404);
    const own = await owner.get(`/forum/t/${topicId}`);
    expect(own.html).toContain('请文明发言，不要使用侮辱性语言');
    expect((await owner.get('/forum/my')).html).toContain('请文明发言');
  });

  it('holds posts that hit the word list', async () => {
    const set = await hx.api('/api/forum/settings', { method: 'PUT', body: { wordListText: '代开发票\n刷单' }, token: tokens.forumAdmin });
    expect(set.status).toBe(200);
    expect((await hx.api('/api/forum/settings', { method: 'PUT', body: { premoderationThreshold: 3 }, token: tokens.mod })).status).toBe(403);
    const { topicId, pending } = await post(owner, 'neighbours', '兼职', '诚招刷单兼职，日结。');
    expect(pending).toBe(true);
    const held = (await queue(tokens.mod)).body.data.find((i) => i.topic.id === topicId)!;
    expect(held).toMatchObject({ kind: 'word', reasons: ['刷单'] });
    expect((await decide(tokens.mod, held.id, 'reject', '含违规广告')).status).toBe(200);
  });
});

describe('the two roles', () => {
  let topicId: string;

  beforeAll(async () => {
    topicId = (await post(owner, 'neighbours', '小区篮球赛报名', '周六下午三点，欢迎报名。')).topicId;
  });

  const act = (token: string, body: Record<string, unknown>) => hx.api<{ error?: string }>(`/api/forum/topics/${topicId}/flags`, { method: 'POST', body, token });

  it('lets the board’s own moderator pin and highlight, not the forum admin', async () => {
    const refused = await act(tokens.forumAdmin, { flag: 'pinned', value: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('版主');
    expect((await act(tokens.mod, { flag: 'pinned', value: true })).status).toBe(200);
    expect((await act(tokens.mod, { flag: 'highlighted', value: true })).status).toBe(200);
    const board = await other.get('/forum/b/neighbours');
    expect(board.html.indexOf('小区篮球赛报名')).toBeLessThan(board.html.indexOf('求推荐家政'));
    expect(board.html).toContain('置顶');
    expect(board.html).toContain('精华');
  });

  it('locks a topic against replies', async () => {
    expect((await act(tokens.mod, { flag: 'locked', value: true, reason: '报名已满' })).status).toBe(200);
    const r = await other.post(`/forum/t/${topicId}/reply`, { body: '我也要报名' }, { csrf: other.csrf((await other.get('/forum/b/neighbours')).html), files: [] });
    expect(r.status).toBe(409);
    expect(r.html).toContain('已锁定');
  });

  it('lets staff post official topics where they may, with the staff badge', async () => {
    const notice = { boardId: boards.announcements, title: '停水通知', body: '本周六 9:00-12:00 停水检修。' };
    expect((await hx.api('/api/forum/topics', { method: 'POST', body: notice, token: tokens.mod })).status).toBe(403);
    const r = await hx.api<{ topicId: string }>('/api/forum/topics', { method: 'POST', body: notice, token: tokens.forumAdmin });
    expect(r.status).toBe(201);
    const page = await other.get(`/forum/t/${r.body.topicId}`);
    expect(page.html).toContain('data-testid="staff-badge"');
    expect(page.html).toContain('论坛管理员老王');
  });

  it('lets the forum admin move topics and suspend accounts; a board moderator may not suspend', async () => {
    const moved = await hx.api(`/api/forum/topics/${topicId}/move`, { method: 'POST', body: { boardId: boards.announcements, reason: '属于社区活动通知' }, token: tokens.forumAdmin });
    expect(moved.status).toBe(200);
    expect((await other.get('/forum/b/announcements')).html).toContain('小区篮球赛报名');

    const accountId = (await queue(tokens.forumAdmin, 'all')).body.data.find((i) => i.author)!.author!.accountId;
    expect((await hx.api(`/api/forum/accounts/${accountId}/suspend`, { method: 'POST', body: { days: 3, reason: '多次发布广告' }, token: tokens.mod })).status).toBe(403);
    const s = await hx.api<{ suspendedUntil: string }>(`/api/forum/accounts/${accountId}/suspend`, { method: 'POST', body: { days: 3, reason: '多次发布广告' }, token: tokens.forumAdmin });
    expect(s.status).toBe(200);
    const refused = await owner.post('/forum/b/neighbours/new', { title: '再发一条', body: '测试' }, { fromPage: '/forum/b/neighbours/new', files: [] });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('不能发帖');
    const history = (await item(tokens.forumAdmin, (await queue(tokens.forumAdmin, 'all')).body.data.find((i) => i.author?.accountId === accountId)!.id)).body.history;
    expect(history.some((h) => h.action === 'suspended' && h.reason === '多次发布广告' && h.actor?.name === '论坛管理员老王')).toBe(true);
    await hx.api(`/api/forum/accounts/${accountId}/suspend`, { method: 'POST', body: { days: 0 }, token: tokens.forumAdmin });
  });
});

describe('unit claims', () => {
  it('links the forum account to the owner’s existing contact once staff confirm the unit', async () => {
    const [known] = await hx.deps.db.insert(contacts).values({ name: '钱建国', unit: '5-302', phone: '13800000000' }).returning();
    const claims = await hx.api<{ data: { accountId: string; unit: string; candidates: { id: string }[] }[] }>('/api/forum/unit-claims', { token: tokens.agent });
    expect(claims.status).toBe(200);
    const claim = claims.body.data.find((c) => c.unit === '5栋 302')!;
    expect(claim.candidates.map((c) => c.id)).toContain(known!.id);
    expect((await hx.api(`/api/forum/unit-claims/${claim.accountId}/confirm`, { method: 'POST', body: { contactId: known!.id }, token: tokens.mod })).status).toBe(403);

    // A private message first, so a forum conversation exists to follow the link.
    await owner.post('/forum/messages', { body: '车位的事想私下问一下' }, { fromPage: '/forum/messages' });
    const ok = await hx.api(`/api/forum/unit-claims/${claim.accountId}/confirm`, { method: 'POST', body: { contactId: known!.id }, token: tokens.agent });
    expect(ok.status).toBe(200);
    expect((await owner.get('/forum/account')).html).toContain('已核实');
    const convs = await hx.api<{ data: { channel: string; contact: { id: string; name: string } }[] }>('/api/conversations?channel=forum&status=all');
    expect(convs.body.data.filter((c) => c.contact.id === known!.id).length).toBeGreaterThan(0);
    expect(convs.body.data.some((c) => c.contact.name === '钱先生')).toBe(false);
  });
});
