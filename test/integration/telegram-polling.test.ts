/** Long polling (TELEGRAM_MODE=polling) for an install with no public address. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { contactIdentities } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { fixtureFor, newOwner, textUpdate } from '../support/telegram-updates.js';

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: '7000000001:AAFakeTokenForTestsOnly_abcdefghijkl' });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { TELEGRAM_MODE: 'polling', TELEGRAM_WEBHOOK_SECRET: '' } });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

it('receives updates by getUpdates and answers through the same bot', async () => {
  const owner = newOwner('Poller');
  const { update_id: _id, ...update } = textUpdate(owner, '楼上漏水');
  tg.pushUpdate(update);
  const conv = await eventually(async () => {
    const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all');
    return res.body.data.find((c) => c.contact.name === 'Poller');
  });
  await hx.api(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: '收到，马上处理' } });
  const sent = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id));
  expect(sent.params.text).toBe('收到，马上处理');
  // The webhook route is not open in polling mode.
  expect((await hx.webhook(textUpdate(owner, 'x'))).status).toBe(404);
});

it('records that an owner blocked the bot, and that they came back', async () => {
  const owner = newOwner('Blocker');
  const { update_id: _a, ...hello } = textUpdate(owner, 'hi');
  tg.pushUpdate(hello);
  const blocked = async () => {
    const [row] = await hx.deps.db
      .select({ blocked: contactIdentities.blocked })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'telegram'), eq(contactIdentities.externalId, String(owner.id))));
    return row?.blocked;
  };
  await eventually(async () => (await blocked()) === false);
  const { update_id: _b, ...kicked } = fixtureFor('my-chat-member-kicked', owner);
  tg.pushUpdate(kicked);
  await eventually(async () => (await blocked()) === true);
  const { update_id: _c, ...member } = fixtureFor('my-chat-member-member', owner);
  tg.pushUpdate(member);
  await eventually(async () => (await blocked()) === false);
});

it('skips an update that can never be stored and keeps polling', async () => {
  const owner = newOwner('AfterJunk');
  // What getUpdates may hand out: a message without chat, a kind we do not handle, then a good one.
  tg.pushUpdate({ message: { message_id: 1, date: 1 } } as never);
  tg.pushUpdate({ message_reaction: { chat: { id: owner.id, type: 'private' }, message_id: 1, date: 1, old_reaction: [], new_reaction: [] } } as never);
  const { update_id: _id, ...good } = textUpdate(owner, 'still heard');
  tg.pushUpdate(good);
  await eventually(async () => {
    const res = await hx.api<{ data: { contact: { name: string } }[] }>('/api/conversations?status=all');
    return res.body.data.some((c) => c.contact.name === 'AfterJunk');
  });
});
