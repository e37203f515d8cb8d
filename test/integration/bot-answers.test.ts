/**
 * Instant answers on Telegram, through the real webhook, database and delivery worker,
 * against the fake Bot API: answers made through the API, a good match answered at once with
 * "that helped" / "talk to a person", the counts per answer, the handoff, a weak match left
 * to the agents, the try endpoint's scores, bad input, and who may write answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import type { Owner } from '../support/telegram-updates.js';
import { sh, testClock } from '../support/tickets.js';
import { botChat, buttonsOf, enOwner, zhOwner } from '../support/bot-chat.js';
import type { AnswerTrial, BotAnswerView } from '../../src/services/bot/bot-answers.js';

type AnswerBody = BotAnswerView;
type TrialBody = AnswerTrial;

let tg: FakeTelegram;
let db: TestDatabase;
let hx: TestServer;
let agent: TestAgent;
// Working hours, so no out-of-hours notice comes between the owner and the answer.
const t = testClock(sh('2026-11-24T10:00'));

const FEE_TEXT = '物业费可在“汇信业主”小程序“缴费”栏目用微信或支付宝缴纳，也可到客服中心前台缴纳。';
const PARCEL_TEXT = 'Parcel lockers are in every lobby; the front desk keeps oversized parcels for 3 days.';
const fee = {
  question: '物业费怎么缴纳？',
  keywords: ['物业费', '缴费', '物业费', ' 管理费 '],
  phrasings: ['物业费怎么交', '在哪里交物业费', '物业费可以微信支付吗'],
  answer: FEE_TEXT,
  locale: 'zh-CN',
};
const parcel = {
  question: 'Where are my parcels delivered?',
  keywords: ['parcel', 'package', 'locker'],
  phrasings: ['where is my package', 'where are the parcel lockers'],
  answer: PARCEL_TEXT,
  locale: 'en',
};

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, db, env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' } });
  agent = await createAgent(hx, 'Answer Agent', 'agent');
  const on = await hx.api<{ enabled: boolean; answerThreshold: number }>('/api/bot/settings', { method: 'PUT', body: { enabled: true } });
  expect(on.status).toBe(200);
  expect(on.body.answerThreshold).toBe(0.3);
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
  await db?.drop();
});

const { toOwner, says, taps, conversationOf, messagesOf } = botChat(() => hx, () => tg);
const buttons = buttonsOf;
const botMessages = async (owner: Owner) => (await messagesOf(await conversationOf(owner))).filter((m) => m.sender.type === 'bot');
const answersNow = async () => (await hx.api<{ data: AnswerBody[] }>('/api/bot/answers')).body.data;
const answerById = async (id: string) => (await answersNow()).find((a) => a.id === id)!;

let feeId = '';
let parcelId = '';

describe('managing answers through the API', () => {
  it('stores an answer with its words de-duplicated and no counts yet', async () => {
    const made = await hx.api<AnswerBody>('/api/bot/answers', { method: 'POST', body: fee });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ question: fee.question, keywords: ['物业费', '缴费', '管理费'], locale: 'zh-CN', enabled: true, shown: 0, helpful: 0, unhelpful: 0 });
    expect(Date.parse(made.body.createdAt)).not.toBeNaN();
    feeId = made.body.id;
    const en = await hx.api<AnswerBody>('/api/bot/answers', { method: 'POST', body: parcel });
    expect(en.status).toBe(201);
    parcelId = en.body.id;
    expect((await answersNow()).map((a) => a.id).sort()).toEqual([feeId, parcelId].sort());
  });

  it('refuses bad input with a 400 and stores nothing', async () => {
    const bad: unknown[] = [
      { ...fee, locale: 'fr' },
      { ...fee, locale: undefined },
      { ...fee, keywords: '物业费' },
      { ...fee, question: '？？！' },
      { ...fee, answer: '   ' },
      { ...fee, phrasings: ['ok', ''] },
      { ...fee, enabled: 'yes' },
      { ...fee, surprise: true },
    ];
    for (const body of bad) {
      const res = await hx.api<{ error: string }>('/api/bot/answers', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(/invalid request/);
    }
    expect((await hx.api(`/api/bot/answers/${feeId}`, { method: 'PATCH', body: { enabled: 'no' } })).status).toBe(400);
    expect((await hx.api(`/api/bot/answers/${feeId}`, { method: 'PATCH', body: { keywords: [''] } })).status).toBe(400);
    expect((await hx.api('/api/bot/answers/not-a-uuid', { method: 'PATCH', body: { enabled: false } })).status).toBe(400);
    expect((await hx.api('/api/bot/answers/try', { method: 'POST', body: { text: '' } })).status).toBe(400);
    expect((await hx.api('/api/bot/answers/try', { method: 'POST', body: { text: '物业费', locale: 'de' } })).status).toBe(400);
    const after = await answersNow();
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.id === feeId)).toMatchObject({ enabled: true, keywords: ['物业费', '缴费', '管理费'] });
  });

  it('answers 404 for an unknown id', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await hx.api(`/api/bot/answers/${none}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(404);
    expect((await hx.api(`/api/bot/answers/${none}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lets an agent read and try answers but not create, change or delete them', async () => {
    const as = { token: agent.token };
    expect((await hx.api('/api/bot/answers', as)).status).toBe(200);
    expect((await hx.api('/api/bot/answers', { ...as, method: 'POST', body: fee })).status).toBe(403);
    expect((await hx.api(`/api/bot/answers/${feeId}`, { ...as, method: 'PATCH', body: { enabled: false } })).status).toBe(403);
    expect((await hx.api(`/api/bot/answers/${feeId}`, { ...as, method: 'DELETE' })).status).toBe(403);
    expect((await hx.api('/api/bot/answers/try', { ...as, method: 'POST', body: { text: '物业费怎么交' } })).status).toBe(200);
    expect(await answersNow()).toHaveLength(2);
    expect(await answerById(feeId)).toMatchObject({ enabled: true });
  });
});

describe('the try endpoint', () => {
  it('scores the answers for a question, best first, and says whether the bot would answer', async () => {
    const good = await hx.api<TrialBody>('/api/bot/answers/try', { method: 'POST', body: { text: '请问物业费在哪里交？' } });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ threshold: 0.3, answers: true, best: { id: feeId, question: fee.question } });
    expect(good.body.best!.score).toBeGreaterThanOrEqual(0.3);
    expect(good.body.best!.score).toBeLessThanOrEqual(1);
    const scores = good.body.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(good.body.candidates[0]!.id).toBe(feeId);

    const weak = await hx.api<TrialBody>('/api/bot/answers/try', { method: 'POST', body: { text: '物业费为什么比去年涨了这么多，是不是算错了' } });
    expect(weak.body.answers).toBe(false);
    expect(weak.body.best?.id).toBe(feeId);
    expect(weak.body.best!.score).toBeLessThan(0.3);

    const none = await hx.api<TrialBody>('/api/bot/answers/try', { method: 'POST', body: { text: '健身房开放吗', locale: 'zh-CN' } });
    expect(none.body).toEqual({ threshold: 0.3, best: null, answers: false, candidates: [] });
  });
});

describe('on Telegram', () => {
  it('answers a matching question at once with two buttons, tagged as the bot’s, and counts “that helped” once', async () => {
    const owner = zhOwner('缴费业主');
    await says(owner, '物业费可以用支付宝交吗？');
    const answer = await toOwner(owner, (s) => s === FEE_TEXT);
    expect(buttons(answer).map((b) => [b.text, b.callback_data])).toEqual([
      ['有帮助', `bot:helpful:${feeId}`],
      ['人工客服', `bot:unhelpful:${feeId}`],
    ]);
    const [given] = await botMessages(owner);
    expect(given).toMatchObject({ direction: 'out', private: false, content: FEE_TEXT, meta: { kind: 'bot', answerId: feeId } });
    expect(await answerById(feeId)).toMatchObject({ shown: 1, helpful: 0, unhelpful: 0 });

    await taps(owner, `bot:helpful:${feeId}`);
    await toOwner(owner, (s) => s.includes('很高兴能帮到您'));
    expect(await answerById(feeId)).toMatchObject({ shown: 1, helpful: 1, unhelpful: 0 });
    // The same buttons tapped again are the same opinion.
    await taps(owner, `bot:helpful:${feeId}`);
    expect(await answerById(feeId)).toMatchObject({ shown: 1, helpful: 1, unhelpful: 0 });
  });

  it('counts “talk to a person” as unhelpful, hands over with a private note, then keeps quiet', async () => {
    const owner = zhOwner('不满意业主');
    await says(owner, '在哪里交物业费啊');
    await toOwner(owner, (s) => s === FEE_TEXT);
    await taps(owner, `bot:unhelpful:${feeId}`);
    await toOwner(owner, (s) => s.includes('已为您转接人工客服'));
    expect(await answerById(feeId)).toMatchObject({ shown: 2, helpful: 1, unhelpful: 1 });
    const conversationId = await conversationOf(owner);
    const note = (await messagesOf(conversationId)).find((m) => m.meta.kind === 'bot.handoff');
    expect(note).toMatchObject({ private: true });
    expect(note!.content).toContain('instant answer did not help');

    const before = (await botMessages(owner)).length;
    await says(owner, '物业费怎么交');
    expect(await botMessages(owner)).toHaveLength(before);
    expect(await answerById(feeId)).toMatchObject({ shown: 2 });
  });

  it('counts nothing for a tap on an answer this conversation was never given', async () => {
    const owner = zhOwner('伪造业主');
    await says(owner, '你好');
    await toOwner(owner, (s) => s.includes('请选择您需要的服务'));
    await taps(owner, `bot:helpful:${parcelId}`);
    await toOwner(owner, (s) => s.includes('很高兴能帮到您'));
    expect(await answerById(parcelId)).toMatchObject({ shown: 0, helpful: 0 });
  });

  it('gives a weak match no answer: the message waits for an agent', async () => {
    const owner = zhOwner('涨价业主');
    await says(owner, '物业费为什么比去年涨了这么多，是不是算错了');
    const msgs = await messagesOf(await conversationOf(owner));
    expect(msgs.filter((m) => m.sender.type === 'bot')).toEqual([]);
    expect(msgs.filter((m) => m.direction === 'in').map((m) => m.content)).toEqual(['物业费为什么比去年涨了这么多，是不是算错了']);
    expect(await answerById(feeId)).toMatchObject({ shown: 2 });
  });

  it('answers an English owner in English with English buttons', async () => {
    const owner = enOwner('Parcel Owner');
    await says(owner, 'Where is my parcel? The courier said it was delivered');
    const answer = await toOwner(owner, (s) => s === PARCEL_TEXT);
    expect(buttons(answer).map((b) => b.text)).toEqual(['That helped', 'Talk to a person']);
    expect(await answerById(parcelId)).toMatchObject({ shown: 1 });
  });

  it('follows the threshold setting and never gives a disabled or deleted answer', async () => {
    expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { answerThreshold: 1.5 } })).status).toBe(400);
    expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { answerThreshold: 0.99 } })).status).toBe(200);
    const strict = enOwner('Strict Owner');
    await says(strict, 'Where is my parcel? The courier said it was delivered');
    expect(await botMessages(strict)).toEqual([]);
    expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { answerThreshold: 0.3 } })).status).toBe(200);

    const patched = await hx.api<AnswerBody>(`/api/bot/answers/${feeId}`, { method: 'PATCH', body: { enabled: false } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ enabled: false, question: fee.question, shown: 2, helpful: 1, unhelpful: 1 });
    const owner = zhOwner('停用业主');
    await says(owner, '物业费怎么交');
    expect(await botMessages(owner)).toEqual([]);
    expect((await hx.api<TrialBody>('/api/bot/answers/try', { method: 'POST', body: { text: '物业费怎么交' } })).body.answers).toBe(false);

    expect((await hx.api(`/api/bot/answers/${feeId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await answersNow()).map((a) => a.id)).toEqual([parcelId]);
  });
});
