/**
 * An owner talking with the bot on Telegram, for the bot suites: what they say and tap through
 * the webhook, what the fake Bot API sent them, and their conversation as the API shows it.
 * Both are getters: a suite starts them in beforeAll, and may restart the server mid-test.
 */
import { expect } from 'vitest';
import type { FakeCall, FakeTelegram } from './fake-telegram.js';
import type { TestServer } from './huixin.js';
import { newOwner, textUpdate, type Owner } from './telegram-updates.js';
import { buttonTap, keyboardOf } from './tickets.js';

export interface BotMessageBody {
  id: string;
  direction: 'in' | 'out';
  sender: { type: string };
  private: boolean;
  content: string;
  meta: Record<string, unknown>;
}

/** Owners whose Telegram app is in Chinese or English: the bot answers in that language. */
export const zhOwner = (name: string): Owner => ({ ...newOwner(name), language_code: 'zh-hans' });
export const enOwner = (name: string): Owner => ({ ...newOwner(name), language_code: 'en' });

export const buttonsOf = (call: FakeCall) => keyboardOf(call.params).flat();

export function botChat(server: () => TestServer, telegram: () => FakeTelegram) {
  const toOwner = (owner: Owner, predicate: (text: string, call: FakeCall) => boolean = () => true) =>
    telegram().waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && predicate(String(c.params.text), c), 10_000);
  async function says(owner: Owner, text: string): Promise<void> {
    expect((await server().webhook(textUpdate(owner, text))).status).toBe(200);
  }
  async function taps(owner: Owner, data: string): Promise<void> {
    expect((await server().webhook(buttonTap(owner, data))).status).toBe(200);
  }
  async function conversationOf(owner: Owner): Promise<string> {
    const list = await server().api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
    const conv = list.body.data.find((c) => c.contact.name === owner.first_name);
    if (!conv) throw new Error(`no conversation for ${owner.first_name}`);
    return conv.id;
  }
  const messagesOf = async (conversationId: string) =>
    (await server().api<{ data: BotMessageBody[] }>(`/api/conversations/${conversationId}/messages?limit=200`)).body.data;
  /** 报修 up to the unit question: the kind tapped, the description written, the photo skipped. */
  async function reportUntilUnit(owner: Owner, kind: string, description: string): Promise<void> {
    await says(owner, '报修');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await taps(owner, `bot:cat:${kind}`);
    await says(owner, description);
    await taps(owner, 'bot:skip');
    await toOwner(owner, (s) => s.includes('房号'));
  }
  return { toOwner, says, taps, conversationOf, messagesOf, reportUntilUnit };
}
