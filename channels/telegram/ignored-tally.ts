/**
 * How many Telegram updates this process acknowledged without storing, per update kind
 * (channel_post, poll_answer, message_reaction, a group message under `message` …), so an
 * operator sees what is being dropped. The kind comes from the sender's JSON: names are
 * clipped and the number of distinct kinds is bounded, so a hostile body cannot grow it.
 */
const MAX_KINDS = 64;
const KIND_MAX_LENGTH = 64;
const OTHER = '(other)';

export interface IgnoredTally {
  /** Counts one ignored update of `kind`; returns the count of that kind so far. */
  record(kind: string): number;
  counts(): Record<string, number>;
}

export function createIgnoredTally(): IgnoredTally {
  const byKind = new Map<string, number>();
  return {
    record(kind) {
      let key = kind.slice(0, KIND_MAX_LENGTH);
      if (!byKind.has(key) && byKind.size >= MAX_KINDS - 1) key = OTHER;
      const next = (byKind.get(key) ?? 0) + 1;
      byKind.set(key, next);
      return next;
    },
    counts() {
      return Object.fromEntries([...byKind.entries()].sort(([a], [b]) => a.localeCompare(b)));
    },
  };
}
