import { describe, expect, it } from 'vitest';
import { distribution, medianInterval, seededRandom } from '../../bench/stats.ts';

describe('bench statistics: the cold-start verdict is a median with a bootstrap interval', () => {
  it('draws the same sequence from the same seed, and a different one from another', () => {
    // prepare
    const first = seededRandom(7);
    const again = seededRandom(7);
    const other = seededRandom(8);
    // act
    const a = Array.from({ length: 5 }, first);
    const b = Array.from({ length: 5 }, again);
    const c = Array.from({ length: 5 }, other);
    // assess
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives an interval that holds the median, narrow for steady samples and wide for noisy ones', () => {
    // prepare: ratios around 1.10, one steady set and one with a few wild rounds
    const steady = [1.09, 1.1, 1.11, 1.1, 1.1, 1.09, 1.11, 1.1, 1.1, 1.1, 1.1, 1.09];
    const noisy = [0.8, 1.1, 1.45, 1.1, 0.9, 1.3, 1.1, 0.95, 1.2, 1.1, 1.05, 1.4];
    // act
    const steadyInterval = medianInterval(steady);
    const noisyInterval = medianInterval(noisy);
    // assess
    expect(steadyInterval.low).toBeLessThanOrEqual(distribution(steady).median);
    expect(steadyInterval.high).toBeGreaterThanOrEqual(distribution(steady).median);
    expect(steadyInterval.high - steadyInterval.low).toBeLessThanOrEqual(0.02);
    expect(noisyInterval.high - noisyInterval.low).toBeGreaterThan(0.1);
    expect(medianInterval(noisy)).toEqual(noisyInterval);
  });
});
