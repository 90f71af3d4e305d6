/**
 * The pure half of the stripe usage counters (shared/domain/allocation.ts; docs/equipment.md,
 * "Usage counters"): what a stripe counts, and when the counters alone may say yes.
 */
import { describe, expect, it } from 'vitest';
import { countersAdmit, countersWithin, LOCK_STRIPE_MS, spanOfStripes, usageByStripe } from '../../shared/domain/allocation.ts';

const HOUR = 3_600_000;
const S = 100_000; // a stripe far from the epoch
const at = (hours: number) => S * LOCK_STRIPE_MS + hours * HOUR;

describe('usageByStripe', () => {
  it('counts an allocation in every stripe it touches, even in part, and two disjoint ones of a stripe both', () => {
    // prepare
    const allocations = [
      { start: at(1), end: at(3), quantity: 10 },
      { start: at(3), end: at(5), quantity: 10 },
      { start: at(5), end: at(7), quantity: 2 },
    ];
    // act
    const usage = usageByStripe(allocations);
    // assess
    expect([...usage]).toEqual([
      [S, 22],
      [S + 1, 2],
    ]);
  });

  it('keeps to the stripes asked, with 0 for those nothing touches; an end on a boundary does not touch the next stripe', () => {
    // act
    const usage = usageByStripe([{ start: at(0), end: at(6), quantity: 3 }], [S, S + 1]);
    // assess
    expect([...usage]).toEqual([
      [S, 3],
      [S + 1, 0],
    ]);
    expect(spanOfStripes([S, S + 1])).toEqual({ start: at(0), end: at(12) });
  });
});

describe('countersAdmit', () => {
  it('says yes only when every stripe the request adds to stays within the capacity', () => {
    const counters = new Map<number, number | null>([
      [S, 7],
      [S + 1, 10],
    ]);
    expect(countersAdmit(counters, new Map([[S, 3]]), 10)).toBe(true);
    expect(countersAdmit(counters, new Map([[S, 4]]), 10)).toBe(false);
    expect(countersAdmit(counters, new Map([[S, 1], [S + 1, 1]]), 10)).toBe(false);
    // A stripe without a lock was never allocated: 0.
    expect(countersAdmit(counters, new Map([[S + 2, 10]]), 10)).toBe(true);
    // What a re-allocation frees is no obstacle, even where the counter is over capacity.
    expect(countersAdmit(counters, new Map([[S + 1, -2], [S, 1]]), 10)).toBe(true);
  });

  it('never says yes on an unknown counter', () => {
    expect(countersAdmit(new Map([[S, null]]), new Map([[S, 1]]), 1_000)).toBe(false);
    expect(countersWithin([3, null], 10)).toBe(false);
    expect(countersWithin([3, 10], 10)).toBe(true);
    expect(countersWithin([11], 10)).toBe(false);
  });
});
