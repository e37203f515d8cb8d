/**
 * Generated and mutated bodies through the real webhook of a running server: never a 5xx;
 * a body answered as stored is stored exactly once (its redelivery adds nothing); nothing is
 * ever half-stored (a message without its conversation or contact, a conversation without
 * its message, a contact without its identity).
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeTelegramUpdate } from '../../channels/telegram/normalize.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { mutatedUpdate } from './telegram-mutations.js';

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const rows = (await hx.deps.db.execute(query)) as unknown as { rows?: { n: number | string }[] } | { n: number | string }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  return Number(list[0]?.n ?? 0);
}

const totalMessages = () => count(sql`select count(*)::int as n from messages`);

/** A body as text: a mutated update, or one whose text itself was cut or spoiled. */
const body = fc.oneof(
  { weight: 8, arbitrary: mutatedUpdate(20_000).map(({ update }) => JSON.stringify(update)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(mutatedUpdate(100), fc.nat(), fc.constantFrom('', '}', '\u0000', ',"x":', '\uD800', ']]]'))
      .map(([{ update }, cut, tail]) => {
        const text = JSON.stringify(update);
        return text.slice(0, cut % (text.length + 1)) + tail;
      }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') },
);

it('mutated webhook bodies: no 5xx, stored once, nothing half-stored', async () => {
  const inboxId = hx.telegramInboxId!;
  let stored = 0;
  await fc.assert(
    fc.asyncProperty(body, async (raw) => {
      const first = await hx.webhook(null, { raw });
      expect(first.status, `${first.status} for ${raw.slice(0, 300)}`).toBeLessThan(500);
      expect([200, 400, 413]).toContain(first.status);
      if (first.status !== 200 || (first.body as { ignored?: unknown }).ignored !== undefined) return;

      // Answered as stored: each message is there exactly once, and a redelivery adds nothing.
      stored++;
      const decoded = decodeTelegramUpdate(JSON.parse(raw) as unknown, inboxId);
      expect(decoded.outcome).toBe('accept');
      const ids = decoded.outcome === 'accept' ? decoded.items.flatMap((item) => (item.kind === 'message' ? [item.externalId] : [])) : [];
      for (const id of ids) expect(await count(sql`select count(*)::int as n from messages where inbox_id = ${inboxId} and external_id = ${id}`)).toBe(1);
      const before = await totalMessages();
      const again = await hx.webhook(null, { raw });
      expect(again.status).toBe(200);
      expect(await totalMessages()).toBe(before);
    }),
    { numRuns: 150 },
  );
  expect(stored).toBeGreaterThan(10);

  expect(await count(sql`select count(*)::int as n from messages m left join conversations c on c.id = m.conversation_id where c.id is null`)).toBe(0);
  expect(await count(sql`select count(*)::int as n from messages m left join contacts k on k.id = m.sender_id where m.sender_type = 'contact' and k.id is null`)).toBe(0);
  expect(await count(sql`select count(*)::int as n from conversations c where c.inbox_id = ${inboxId} and not exists (select 1 from messages m where m.conversation_id = c.id)`)).toBe(0);
  expect(await count(sql`select count(*)::int as n from conversations c left join contacts k on k.id = c.contact_id where k.id is null`)).toBe(0);
  expect(await count(sql`select count(*)::int as n from contacts k where not exists (select 1 from contact_identities i where i.contact_id = k.id)`)).toBe(0);
});
