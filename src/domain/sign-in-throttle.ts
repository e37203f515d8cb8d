/**
 * Growing delays for sign-in attempts (staff and forum). A few failures are free; after
 * that each failure doubles the wait, up to a cap, so a guesser gets a handful of tries per
 * hour while the owner of the account is never locked out for longer than the cap.
 * Pure: the caller passes the stored state and the instant.
 */
export interface ThrottlePolicy {
  /** Failures that cost nothing. */
  freeFailures: number;
  /** Wait after the first failure past the free ones, in seconds; doubles per failure. */
  baseDelaySeconds: number;
  /** The longest wait ever asked for, in seconds. */
  maxDelaySeconds: number;
  /** After this long without an attempt the count starts again from zero. */
  forgetAfterSeconds: number;
}

export interface ThrottleState {
  /** Failed (or still running) attempts counted so far. */
  failures: number;
  /** No attempt is taken before this instant. */
  blockedUntil: Date | null;
  lastAttemptAt: Date | null;
}

/** Per account: 5 free failures, then 1 s, 2 s, 4 s … up to 15 minutes. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 3600 };
/** Per client address: an office or a household shares one address, so more are free. */
export const ADDRESS_THROTTLE: ThrottlePolicy = { freeFailures: 20, baseDelaySeconds: 1, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 3600 };

export const EMPTY_THROTTLE: ThrottleState = { failures: 0, blockedUntil: null, lastAttemptAt: null };

/** Seconds to wait after the n-th counted failure. */
export function delayAfterFailures(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** exponent);
}

/** Whole seconds until an attempt is taken again (0 = now). */
export function retryAfterSeconds(state: ThrottleState, now: Date): number {
  if (!state.blockedUntil) return 0;
  const ms = state.blockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * The state after an attempt starts, counted as a failure until it proves otherwise (so a
 * burst of parallel guesses is counted as it arrives, not after the passwords are checked).
 * Returns null when the attempt must wait.
 */
export function startAttempt(policy: ThrottlePolicy, state: ThrottleState, now: Date): ThrottleState | null {
  const current = forget(policy, state, now);
  if (retryAfterSeconds(current, now) > 0) return null;
  const failures = current.failures + 1;
  const delay = delayAfterFailures(policy, failures);
  return { failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null, lastAttemptAt: now };
}

/**
 * A successful attempt: the account starts again from zero; an address only gets this
 * attempt back (others behind it may still be guessing), and the wait this attempt set lifts.
 */
export function succeedAttempt(state: ThrottleState, started: ThrottleState, resetAll: boolean): ThrottleState {
  if (resetAll) return EMPTY_THROTTLE;
  const setByThis = state.blockedUntil !== null && started.blockedUntil !== null && state.blockedUntil.getTime() === started.blockedUntil.getTime();
  return { failures: Math.max(0, state.failures - 1), blockedUntil: setByThis ? null : state.blockedUntil, lastAttemptAt: state.lastAttemptAt };
}

function forget(policy: ThrottlePolicy, state: ThrottleState, now: Date): ThrottleState {
  if (state.lastAttemptAt && now.getTime() - state.lastAttemptAt.getTime() >= policy.forgetAfterSeconds * 1000) return EMPTY_THROTTLE;
  return state;
}
