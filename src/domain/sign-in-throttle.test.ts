import { describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE, delayAfterFailures, EMPTY_THROTTLE, retryAfterSeconds, startAttempt, succeedAttempt, type ThrottleState } from './sign-in-throttle.js';

const policy = { freeFailures: 3, baseDelaySeconds: 2, maxDelaySeconds: 60, forgetAfterSeconds: 3600 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('sign-in throttle', () => {
  it('lets the free failures through, then doubles the wait up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => delayAfterFailures(policy, n))).toEqual([0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
    expect(delayAfterFailures(ACCOUNT_THROTTLE, 1000)).toBe(15 * 60);
  });

  it('refuses an attempt while a wait runs, whatever the password, and takes it once the wait is over', () => {
    let s: ThrottleState = EMPTY_THROTTLE;
    for (let i = 0; i < 3; i++) s = startAttempt(policy, s, at(i))!;
    expect(s.failures).toBe(3);
    expect(retryAfterSeconds(s, at(2))).toBe(2);
    expect(startAttempt(policy, s, at(3))).toBeNull();
    const next = startAttempt(policy, s, at(4));
    expect(next).not.toBeNull();
    expect(retryAfterSeconds(next!, at(4))).toBe(4);
  });

  it('never waits longer than the cap: the owner always gets in eventually', () => {
    let s: ThrottleState = EMPTY_THROTTLE;
    let clock = 0;
    for (let i = 0; i < 100; i++) {
      const wait = retryAfterSeconds(s, at(clock));
      expect(wait).toBeLessThanOrEqual(60);
      clock += wait;
      s = startAttempt(policy, s, at(clock))!;
      expect(s).not.toBeNull();
    }
  });

  it('a success resets an account but gives an address only its own attempt back', () => {
    let s: ThrottleState = EMPTY_THROTTLE;
    for (let i = 0; i < 3; i++) s = startAttempt(policy, s, at(i))!;
    const started = startAttempt(policy, s, at(10))!;
    expect(succeedAttempt(started, started, true)).toEqual(EMPTY_THROTTLE);
    const address = succeedAttempt(started, started, false);
    expect(address.failures).toBe(3);
    expect(address.blockedUntil).toBeNull();
    // A wait set by a parallel failure after this attempt stays.
    const later = { ...started, blockedUntil: at(99) };
    expect(succeedAttempt(later, started, false).blockedUntil).toEqual(at(99));
  });

  it('forgets old failures after a quiet period', () => {
    let s: ThrottleState = EMPTY_THROTTLE;
    for (let i = 0; i < 6; i++) s = startAttempt(policy, s, at(i * 100))!;
    expect(s.failures).toBe(6);
    expect(startAttempt(policy, s, at(500 + 3600))!.failures).toBe(1);
  });
});
