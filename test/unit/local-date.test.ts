/**
 * parseLocalDate reads `YYYY-MM-DD` digit by digit (shared/domain/time/local-date.ts); it must
 * accept and refuse exactly what the regular expression and Date round trip it replaced did.
 */
import { describe, expect, it } from 'vitest';
import { addDays, parseLocalDate } from '../../shared/domain/time/local-date.ts';

const reference = (date: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
};

const two = (n: number) => String(n).padStart(2, '0');

describe('parseLocalDate', () => {
  it('agrees with the regular expression and Date round trip on every month 00-13 and day 00-32 of years around the edges', () => {
    // prepare: leap rules (1900, 2000, 2100), years Date reads as 19xx (below 100), the last year
    const years = [0, 1, 99, 100, 101, 1899, 1900, 1901, 1999, 2000, 2001, 2024, 2099, 2100, 2101, 9999];
    const mismatches: string[] = [];
    for (const year of years)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
          // act + assess
          if (JSON.stringify(parseLocalDate(date)) !== JSON.stringify(reference(date))) mismatches.push(date);
        }
    expect(mismatches).toEqual([]);
  });

  it('refuses what is not exactly YYYY-MM-DD', () => {
    for (const text of ['2024-1-01', '2024-01-1', ' 2024-01-01', '2024-01-01 ', '2024/01/01', '2024-01-0a', '+024-01-01', '2024-01-01\n', '', '20240101', '2024--1-01', '2024-01-+1', '\uff12024-01-01']) {
      expect(parseLocalDate(text)).toBeNull();
      expect(reference(text)).toBeNull();
    }
  });

  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
