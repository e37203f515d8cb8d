import { describe, expect, it } from 'vitest';
import { nearestRank, summarize } from './stats.js';

describe('summarize', () => {
  it('gives nearest-rank median and P90 and the mean', () => {
    expect(summarize([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toEqual({ median: 50, p90: 90, mean: 55 });
    // Eleven values: rank ⌈9.9⌉ = 10 → the 10th smallest.
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(summarize([300, 100, 200])).toEqual({ median: 200, p90: 300, mean: 200 });
    expect(summarize([7])).toEqual({ median: 7, p90: 7, mean: 7 });
  });

  it('is null where there is nothing to measure', () => {
    expect(summarize([])).toEqual({ median: null, p90: null, mean: null });
  });
});
