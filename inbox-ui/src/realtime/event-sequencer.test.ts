import { describe, expect, it } from 'vitest';
import { EventSequencer } from './event-sequencer';
import { parseStoredEvent } from './parse-event';

const ev = (seq: number) => ({ seq });

describe('EventSequencer', () => {
  it('applies live events and drops repeats', () => {
    const s = new EventSequencer<{ seq: number }>();
    expect(s.receive(ev(1))).toEqual([ev(1)]);
    expect(s.receive(ev(2))).toEqual([ev(2)]);
    expect(s.receive(ev(2))).toEqual([]);
    expect(s.lastSeq).toBe(2);
  });

  it('holds live events during catch-up, then applies missed and held ones once, in order', () => {
    const s = new EventSequencer<{ seq: number }>();
    s.receive(ev(3));
    s.beginCatchUp();
    expect(s.receive(ev(7))).toEqual([]);
    expect(s.receive(ev(6))).toEqual([]);
    expect(s.endCatchUp([ev(4), ev(5), ev(6)])).toEqual([ev(4), ev(5), ev(6), ev(7)]);
    expect(s.lastSeq).toBe(7);
  });
});

describe('parseStoredEvent', () => {
  it('turns a catch-up row into the same event a socket would deliver', () => {
    const message = {
      id: 'm1',
      direction: 'out',
      sender: { type: 'agent', id: 'u1', name: 'Li' },
      private: false,
      content: 'hello',
      contentType: 'text',
      attachments: [],
      edited: false,
      createdAt: '2025-01-01T10:00:00.000Z',
      delivery: { status: 'sent', error: null },
    };
    const parsed = parseStoredEvent({ seq: 9, type: 'message.updated', conversationId: 'c1', payload: { seq: 9, conversationId: 'c1', message } });
    expect(parsed).toMatchObject({ type: 'message.updated', seq: 9, payload: { conversationId: 'c1', message: { id: 'm1' } } });
    expect(parseStoredEvent({ seq: 10, type: 'ticket.created', conversationId: 'c1', payload: {} })).toEqual({ type: 'ignored', seq: 10 });
  });
});
