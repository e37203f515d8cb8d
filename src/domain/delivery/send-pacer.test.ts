import { describe, expect, it } from 'vitest';
import { conversationWaitMs, SendPacer } from './send-pacer.js';

describe('SendPacer', () => {
  it('spaces 30 a second evenly and never hands out two slots closer than the interval', () => {
    const pacer = new SendPacer();
    const starts = Array.from({ length: 40 }, () => {
      const r = pacer.reserve('bot', 30, 1_000, 10_000);
      expect(r.reserved).toBe(true);
      return 1_000 + r.waitMs;
    });
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(34);
    // No 1-second window holds more than 30 starts.
    for (const s of starts) expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThanOrEqual(30);
  });

  it('keeps inboxes apart', () => {
    const pacer = new SendPacer();
    pacer.reserve('a', 1, 0, 5000);
    expect(pacer.reserve('b', 1, 0, 5000).waitMs).toBe(0);
    expect(pacer.reserve('a', 1, 0, 5000).waitMs).toBe(1000);
  });

  it('reserves nothing when the slot is further away than the caller will wait', () => {
    const pacer = new SendPacer();
    pacer.holdUntil('bot', 7_000);
    expect(pacer.reserve('bot', 30, 1_000, 2_000)).toEqual({ reserved: false, waitMs: 6_000 });
    // The refusal took no slot: the next caller willing to wait gets the same start.
    expect(pacer.reserve('bot', 30, 1_000, 10_000)).toEqual({ reserved: true, waitMs: 6_000 });
  });

  it('a hold never moves the next slot earlier', () => {
    const pacer = new SendPacer();
    pacer.holdUntil('bot', 5_000);
    pacer.holdUntil('bot', 2_000);
    expect(pacer.reserve('bot', undefined, 0, 10_000).waitMs).toBe(5_000);
  });

  it('without a limit every send may start at once', () => {
    const pacer = new SendPacer();
    for (let i = 0; i < 5; i++) expect(pacer.reserve('mail', undefined, 0, 0)).toEqual({ reserved: true, waitMs: 0 });
  });
});

describe('conversationWaitMs', () => {
  it('waits out the rest of the interval after the previous reply finished', () => {
    expect(conversationWaitMs(10_000, 1, 10_400)).toBe(600);
    expect(conversationWaitMs(10_000, 1, 11_000)).toBe(0);
    expect(conversationWaitMs(10_000, 2, 10_100)).toBe(400);
  });
  it('never asks for more than one interval (a clock that stands still or went back)', () => {
    expect(conversationWaitMs(10_000, 1, 10_000)).toBe(1000);
    expect(conversationWaitMs(10_000, 1, 5_000)).toBe(1000);
  });
  it('no previous reply or no limit: no wait', () => {
    expect(conversationWaitMs(null, 1, 0)).toBe(0);
    expect(conversationWaitMs(10_000, undefined, 10_000)).toBe(0);
  });
});
