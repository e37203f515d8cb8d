/**
 * decodeTelegramUpdate over mutated recorded updates: it never throws, always says what to do,
 * is deterministic and leaves its input alone, and what it accepts is storable (no NUL, no
 * lone surrogate, valid dates, bounded keys).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTelegramUpdate } from '../../channels/telegram/normalize.js';
import type { Inbound } from '../../channels/types.js';
import { FIXTURE_NAMES, loadFixture, mutatedUpdate } from './telegram-mutations.js';

const INBOX = 'inbox-fuzz';
const receivedAt = new Date('2026-01-02T03:04:05Z');
// eslint-disable-next-line no-control-regex -- U+0000 is what must never reach the database
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value instanceof Date) return out;
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, out.concat(k));
  return out;
}

function keysOf(item: Inbound): string[] {
  return [item.inboxId, 'externalId' in item ? item.externalId : '', 'threadKey' in item ? item.threadKey : '', item.author.externalId];
}

function datesOf(item: Inbound): Date[] {
  switch (item.kind) {
    case 'message':
      return [item.sentAt];
    case 'edit':
      return [item.editedAt];
    default:
      return [item.at];
  }
}

describe('telegram decode over mutated updates', () => {
  it('the recorded fixtures themselves decode without a reject', () => {
    for (const name of FIXTURE_NAMES) expect(decodeTelegramUpdate(loadFixture(name), INBOX).outcome, name).not.toBe('reject');
  });

  it('never throws, is deterministic and pure, and accepts only storable items', () => {
    fc.assert(
      fc.property(mutatedUpdate(), ({ update }) => {
        const before = JSON.stringify(update);
        const first = decodeTelegramUpdate(update, INBOX, { receivedAt });
        const second = decodeTelegramUpdate(update, INBOX, { receivedAt });
        expect(JSON.stringify(update)).toBe(before);
        expect(second).toEqual(first);
        if (first.outcome === 'reject' || first.outcome === 'ignore') {
          expect(first.reason.length).toBeGreaterThan(0);
          expect(first.reason.length).toBeLessThanOrEqual(300);
          return;
        }
        expect(first.items.length).toBeGreaterThan(0);
        for (const item of first.items) {
          for (const s of strings({ ...item, raw: undefined })) expect(UNSTORABLE.test(s)).toBe(false);
          for (const s of strings(item.kind === 'message' || item.kind === 'edit' ? item.raw : null)) expect(UNSTORABLE.test(s)).toBe(false);
          for (const date of datesOf(item)) expect(() => date.toISOString()).not.toThrow();
          for (const key of keysOf(item)) expect(key.length).toBeLessThan(400);
          expect(item.inboxId).toBe(INBOX);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary JSON, not only update-shaped, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 4 }), (junk, payload) => {
        expect(() => decodeTelegramUpdate(junk, INBOX)).not.toThrow();
        for (const kind of ['message', 'edited_message', 'business_message', 'edited_business_message', 'my_chat_member', 'callback_query']) {
          expect(() => decodeTelegramUpdate({ update_id: 1, [kind]: payload }, INBOX)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });
});
