/**
 * randomHex hands out pooled CSPRNG bytes (shared/random-hex.ts): every draw must be fresh bytes,
 * across the pool's refills too, and of the length asked.
 */
import { describe, expect, it } from 'vitest';
import { randomHex } from '../../shared/random-hex.ts';

describe('randomHex', () => {
  it('gives 2 hex digits per byte, never the same bytes twice, across several refills of the pool', () => {
    // prepare: 5,000 draws of 8 bytes are 40,000 bytes, about ten pools
    const draws = Array.from({ length: 5_000 }, () => randomHex(8));
    // assess
    expect(draws.every((hex) => /^[0-9a-f]{16}$/.test(hex))).toBe(true);
    expect(new Set(draws).size).toBe(draws.length);
  });

  it('serves a draw larger than what is left in the pool from a fresh pool, whole', () => {
    // prepare: leave fewer than 100 bytes in the pool
    for (let i = 0; i < 4096 / 100; i++) randomHex(100);
    // act
    const large = randomHex(4096);
    // assess: whole, and not all zeros (a refill happened)
    expect(large).toMatch(/^[0-9a-f]{8192}$/);
    expect(large).not.toMatch(/^0+$/);
  });

  it('refuses sizes it cannot serve', () => {
    expect(() => randomHex(0)).toThrow(RangeError);
    expect(() => randomHex(4097)).toThrow(RangeError);
    expect(() => randomHex(1.5)).toThrow(RangeError);
  });
});
