/** Summaries of a list of durations: median, P90 and mean, null when there is nothing to measure. */

export interface DurationSummary {
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/**
 * The nearest-rank percentile: the smallest value with at least p% of the values at or below
 * it (rank ⌈p/100 · n⌉). Always one of the measured values, never an interpolation, so a
 * supervisor can find the conversation behind it. The median is the same rule at p = 50
 * (for an even count, the lower of the two middle values).
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Seconds, rounded to whole seconds for display; the order statistics use the exact values. */
export function summarize(values: readonly number[]): DurationSummary {
  if (values.length === 0) return { median: null, p90: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return { median: round(nearestRank(sorted, 50)), p90: round(nearestRank(sorted, 90)), mean: round(mean) };
}
