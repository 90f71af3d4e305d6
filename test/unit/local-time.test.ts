/**
 * local-time.ts formats instants with @date-fns/tz's tzOffset alone (so that the views do not
 * bundle TZDate); its seconds must be the ones TZDate gives, historical offsets with seconds
 * included (Paris was +00:09:21 until 1911).
 */
import { describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { formatWithOffset, localParts } from '../../shared/domain/time/local-time.ts';

const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Monrovia', 'UTC'];

describe('formatWithOffset without TZDate', () => {
  it('gives the seconds TZDate gives, today and in the LMT era', () => {
    // prepare: instants with odd seconds and milliseconds, from 1880 to 2040
    const instants: number[] = [];
    for (let ms = Date.UTC(1880, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 97 * 86_400_000 + 3_661_123) instants.push(ms);
    // act
    const mismatches = ZONES.flatMap((zone) =>
      instants.flatMap((ms) => {
        const second = Number(formatWithOffset(ms, zone).slice(17, 19));
        const expected = new TZDate(ms, zone).getSeconds();
        return second === expected ? [] : [`${zone} ${new Date(ms).toISOString()}: ${second} vs ${expected}`];
      }),
    );
    // assess
    expect(instants.length).toBeGreaterThan(500);
    expect(mismatches).toEqual([]);
  });

  it('formats an LMT-era instant with its wall clock', () => {
    // prepare
    const ms = Date.parse('1900-06-01T12:00:00Z');
    // act
    const text = formatWithOffset(ms, 'Europe/Paris');
    const parts = localParts(ms, 'Europe/Paris');
    // assess
    expect(text.slice(0, 16)).toBe(`${parts.date}T12:09`);
    expect(text.slice(17, 19)).toBe(String(new TZDate(ms, 'Europe/Paris').getSeconds()).padStart(2, '0'));
  });

  it('formats every instant of a year as TZDate does, across DST changes (the offset memo per hour)', () => {
    // prepare: a year of instants at odd minutes and seconds; Lord Howe moves by 30 minutes, Chatham is +12:45
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/Dublin'];
    const instants: number[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 53 * 60_000 + 17_000) instants.push(ms);
    // act
    const mismatches = zones.flatMap((zone) =>
      instants.flatMap((ms) => {
        const iso = new TZDate(ms, zone).toISOString();
        const expected = iso.slice(0, 19) + iso.slice(23);
        const text = formatWithOffset(ms, zone);
        return text === expected ? [] : [`${zone} ${new Date(ms).toISOString()}: ${text} vs ${expected}`];
      }),
    );
    // assess
    expect(instants.length).toBeGreaterThan(9_000);
    expect(mismatches).toEqual([]);
  });
});
