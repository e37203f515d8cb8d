import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { upsertMessage } from './message-list';

function msg(id: string, second: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    direction: 'out',
    sender: { type: 'agent', id: 'u1', name: 'Li' },
    private: false,
    content: `text ${id}`,
    contentType: 'text',
    attachments: [],
    edited: false,
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, 0, second)).toISOString(),
    delivery: { status: 'queued', error: null },
    ...extra,
  };
}

describe('upsertMessage', () => {
  it('appends a new message at the end of the thread', () => {
    const next = upsertMessage({ data: [msg('a', 1)] }, msg('b', 2));
    expect(next?.data.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('keeps oldest-first order for a message that arrives late', () => {
    const next = upsertMessage({ data: [msg('a', 1), msg('c', 3)] }, msg('b', 2));
    expect(next?.data.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('applies message.updated in place: delivery failed with its reason', () => {
    const list = { data: [msg('a', 1), msg('b', 2)] };
    const failed = msg('a', 1, { delivery: { status: 'failed', error: 'Forbidden: bot was blocked by the user' } });
    const next = upsertMessage(list, failed);
    expect(next?.data.map((m) => m.id)).toEqual(['a', 'b']);
    expect(next?.data[0]?.delivery).toEqual({ status: 'failed', error: 'Forbidden: bot was blocked by the user' });
  });

  it('does not let a late POST answer overwrite a newer socket state', () => {
    const list = { data: [msg('a', 1, { delivery: { status: 'sent', error: null } })] };
    const next = upsertMessage(list, msg('a', 1), { keepExisting: true });
    expect(next?.data[0]?.delivery?.status).toBe('sent');
  });

  it('leaves an uncached thread alone', () => {
    expect(upsertMessage(undefined, msg('a', 1))).toBeUndefined();
  });
});
