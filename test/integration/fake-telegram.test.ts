/**
 * Self-test of the fake Bot API server, driven by grammY's real client so that what other
 * suites rely on (URLs, payload encodings, error shapes) is checked against the library.
 */
import { Api, Bot, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../support/fake-telegram.js';

const TOKEN = '7100200300:AAFakeTokenForTestsOnly_0123456789ab';

describe('fake Telegram Bot API', () => {
  let fake: FakeTelegram;
  let api: Api;

  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN });
    api = new Api(TOKEN, { apiRoot: fake.apiRoot });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe with a bot whose id is the token prefix', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 7100200300, is_bot: true, username: 'fake_huixin_bot' });
  });

  it('sends messages with increasing ids, echoes the inline keyboard and records the call', async () => {
    const keyboard = { inline_keyboard: [[{ text: '⭐️ 5', callback_data: 'rate:5' }]] };
    const first = await api.sendMessage(6012345678, '您好，我们已收到您的报修。', { reply_markup: keyboard });
    const second = await api.sendMessage('6012345678', 'second part');

    expect(first).toMatchObject({ chat: { id: 6012345678, type: 'private' }, text: '您好，我们已收到您的报修。', reply_markup: keyboard });
    expect(second.message_id).toBe(first.message_id + 1);
    expect(typeof first.date).toBe('number');
    expect(second).not.toHaveProperty('reply_markup');

    const call = await fake.waitFor('sendMessage');
    expect(call.params).toEqual({ chat_id: 6012345678, text: '您好，我们已收到您的报修。', reply_markup: keyboard });
    // waitFor hands out each call once, so the next await yields the second message.
    expect((await fake.waitFor('sendMessage')).params.text).toBe('second part');
  });

  it('turns failNext 429 into a GrammyError with retry_after, then recovers', async () => {
    fake.failNext('sendMessage', telegramErrors.tooManyRequests(7));

    const error = await api.sendMessage(1, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    const grammyError = error as GrammyError;
    expect(grammyError.error_code).toBe(429);
    expect(grammyError.description).toBe('Too Many Requests: retry after 7');
    expect(grammyError.parameters.retry_after).toBe(7);
    expect(fake.calls[0]?.error?.error_code).toBe(429);

    await expect(api.sendMessage(1, 'hello')).resolves.toMatchObject({ text: 'hello' });
  });

  it('uses the real wording for blocked users and unknown chats', async () => {
    fake.failNext('sendMessage', telegramErrors.blocked);
    await expect(api.sendMessage(1, 'x')).rejects.toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(api.sendMessage('@nobody_here', 'x')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    await expect(api.sendMessage(1, '')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: message text is empty' });
    await expect(api.sendMessage(1, 'x'.repeat(4097))).rejects.toMatchObject({ description: 'Bad Request: message is too long' });
  });

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const stranger = new Api('1:wrong', { apiRoot: fake.apiRoot });
    await expect(stranger.getMe()).rejects.toMatchObject({ error_code: 401, description: 'Unauthorized' });
    const raw = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('returns a pushed update from getUpdates and honours offset', async () => {
    const pushed = fake.pushUpdate({
      message: { message_id: 5, date: 1709564365, chat: { id: 42, type: 'private', first_name: 'Lena' }, from: { id: 42, is_bot: false, first_name: 'Lena' }, text: 'hi' },
    });
    const updates = await api.getUpdates({ timeout: 0 });
    expect(updates).toEqual([pushed]);
    // Confirming with offset = last id + 1 drops it.
    expect(await api.getUpdates({ offset: pushed.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it('holds a long poll open until an update arrives', async () => {
    const started = Date.now();
    const polling = api.getUpdates({ timeout: 10 });
    await fake.waitFor('getUpdates');
    const pushed = fake.pushUpdate({ update_id: 900, callback_query: { id: 'q1', chat_instance: '1', from: { id: 42, is_bot: false, first_name: 'Lena' }, data: 'rate:5' } });
    expect(await polling).toEqual([pushed]);
    expect(Date.now() - started).toBeLessThan(5000);
    // Assigned ids keep increasing past explicit ones, so offsets stay meaningful.
    const query = (id: string) => ({ inline_query: { id, from: { id: 42, is_bot: false, first_name: 'Lena' }, query: '', offset: '' } });
    const a = fake.pushUpdate(query('a'));
    const b = fake.pushUpdate({ update_id: a.update_id + 50, ...query('b') });
    expect(a.update_id).toBeGreaterThan(900);
    expect(fake.pushUpdate(query('c')).update_id).toBe(b.update_id + 1);
  });

  it('serves a grammY Bot running long polling, including its stop()', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
    const seen: string[] = [];
    bot.on('message:text', async (ctx) => {
      seen.push(ctx.message.text);
      await ctx.reply(`收到: ${ctx.message.text}`);
    });
    const running = bot.start({ drop_pending_updates: true });
    await fake.waitFor('getUpdates', (c) => Number(c.params.timeout) > 0);
    fake.pushUpdate({
      message: { message_id: 7, date: 1709564365, chat: { id: 42, type: 'private', first_name: 'Lena' }, from: { id: 42, is_bot: false, first_name: 'Lena' }, text: '水管漏水' },
    });
    const reply = await fake.waitFor('sendMessage');
    expect(reply.params).toMatchObject({ chat_id: 42, text: '收到: 水管漏水' });
    await bot.stop();
    await running;
    expect(seen).toEqual(['水管漏水']);
  });

  it('ends an empty long poll after its timeout', async () => {
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses getUpdates while a webhook is set, like Telegram', async () => {
    await api.setWebhook('https://example.test/telegram', { secret_token: 's3cret' });
    expect(await api.getWebhookInfo()).toMatchObject({ url: 'https://example.test/telegram', pending_update_count: 0 });
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await api.deleteWebhook();
    await expect(api.getUpdates({ timeout: 0 })).resolves.toEqual([]);
  });

  it('edits a sent message and says when nothing changed', async () => {
    const sent = await api.sendMessage(42, 'draft');
    const edited = await api.editMessageText(42, sent.message_id, 'final');
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'final' });
    await expect(api.editMessageText(42, sent.message_id, 'final')).rejects.toMatchObject({ error_code: 400 });
    await expect(api.editMessageText(42, 9999, 'x')).rejects.toMatchObject({ description: 'Bad Request: message to edit not found' });
  });

  it('accepts other methods, urlencoded and multipart parameters', async () => {
    await expect(api.answerCallbackQuery('q1', { text: '谢谢' })).resolves.toBe(true);
    await expect(api.sendChatAction(42, 'typing')).resolves.toBe(true);
    expect((await fake.waitFor('sendChatAction')).params).toEqual({ chat_id: 42, action: 'typing' });

    const form = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '42', text: 'from a form', reply_markup: '{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}' }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 42 }, text: 'from a form', reply_markup: { inline_keyboard: [[{ text: 'a' }]] } } });

    // grammY switches to multipart/form-data when a file is uploaded.
    await api.sendDocument(42, new InputFile(new TextEncoder().encode('%PDF-1.4 fake'), 'quote.pdf'), { caption: '报价单' });
    const upload = await fake.waitFor('sendDocument');
    expect(upload.params).toMatchObject({ chat_id: '42', caption: '报价单', document: { fileName: 'quote.pdf', size: 13 } });
  });

  it('waitFor rejects with the calls seen when nothing matches', async () => {
    await api.getMe();
    await expect(fake.waitFor('sendMessage', undefined, 50)).rejects.toThrow(/no matching sendMessage call within 50 ms \(calls so far: getMe\)/);
  });
});
