/**
 * The zone arithmetic reads offsets from per-hour memo tables. These properties compare it with
 * @date-fns/tz read afresh at every instant, in zones whose changes fall off the hour or off the
 * half hour, over a century of instants. A wrong memo (an hour whose offset changes inside it
 * taken as steady) shows as a wall clock one step off around the change.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { tzOffset } from '@date-fns/tz';
import { localParts, startOfLocalDay, localToInstant, parseLocalDate } from '../../shared/domain/time/zoned.ts';

const ZONES = ['Europe/Paris', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo', 'UTC'];
const RUNS = Number(process.env.ZONED_RUNS ?? 3000);

const reference = (ms: number, timeZone: string) => {
  const zoned = new TZDate(ms, timeZone);
  const weekday = zoned.getDay();
  return {
    date: `${String(zoned.getFullYear()).padStart(4, '0')}-${String(zoned.getMonth() + 1).padStart(2, '0')}-${String(zoned.getDate()).padStart(2, '0')}`,
    hour: zoned.getHours(),
    minute: zoned.getMinutes(),
    isoWeekday: weekday === 0 ? 7 : weekday,
  };
};

/** localToInstant as it was before its shortcut for steady offsets: TZDate, then the fold check. */
const referenceInstant = (date: string, minutes: number, timeZone: string): number => {
  const parts = parseLocalDate(date)!;
  const dayOffset = Math.floor(minutes / 1440);
  const inDay = minutes - dayOffset * 1440;
  const instant = new TZDate(parts.year, parts.month - 1, parts.day + dayOffset, Math.floor(inDay / 60), inDay % 60, timeZone).getTime();
  const wanted = localParts(instant, timeZone);
  for (const shiftMinutes of [60, 30]) {
    const earlier = localParts(instant - shiftMinutes * 60_000, timeZone);
    if (earlier.date === wanted.date && earlier.hour === wanted.hour && earlier.minute === wanted.minute) return instant - shiftMinutes * 60_000;
  }
  return instant;
};

// Changes of 30 min, 2 h and a whole day (Apia skipped 2011-12-30), +14 h, offsets with seconds (Monrovia until 1972, Paris until 1911).
const WALL_ZONES = [...ZONES, 'Antarctica/Troll', 'Pacific/Apia', 'Pacific/Kiritimati', 'Africa/Monrovia', 'America/Juneau'];
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('zone arithmetic with memo tables', () => {
  it('gives the instant of a wall-clock time that the library and the fold check give, steady offset or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WALL_ZONES),
        fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2080, 0, 1) }),
        fc.integer({ min: 0, max: 2 * 1440 }),
        (timeZone, dayMs, minutes) => {
          const date = isoDate(dayMs);
          expect(localToInstant(date, minutes, timeZone)).toBe(referenceInstant(date, minutes, timeZone));
        },
      ),
      { numRuns: RUNS, seed: 20261130 },
    );
  });

  it('gives the same instants as before every 10 minutes of the three days around each change (1995-2035)', () => {
    // prepare: the days on which each zone's offset changes, found from its noon offsets
    const mismatches: string[] = [];
    let probes = 0;
    for (const timeZone of ['Europe/Paris', 'Australia/Lord_Howe', 'Antarctica/Troll', 'Pacific/Apia', 'Asia/Kathmandu']) {
      let previous = tzOffset(timeZone, new Date(Date.UTC(1995, 0, 1, 12)));
      for (let day = Date.UTC(1995, 0, 2); day < Date.UTC(2035, 0, 1); day += 86_400_000) {
        const offset = tzOffset(timeZone, new Date(day + 43_200_000));
        if (offset === previous) continue;
        previous = offset;
        for (const date of [isoDate(day - 86_400_000), isoDate(day), isoDate(day + 86_400_000)]) {
          for (let minutes = 0; minutes < 1440; minutes += 10) {
            probes++;
            // act + assess
            const [got, expected] = [localToInstant(date, minutes, timeZone), referenceInstant(date, minutes, timeZone)];
            if (got !== expected) mismatches.push(`${timeZone} ${date} +${minutes} min: ${new Date(got).toISOString()} vs ${new Date(expected).toISOString()}`);
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(20_000);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('gives the wall clock of @date-fns/tz at any instant, around every kind of change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2070, 0, 1) }), (timeZone, ms) => {
        const { date, hour, minute, isoWeekday } = localParts(ms, timeZone);
        expect({ date, hour, minute, isoWeekday }).toEqual(reference(ms, timeZone));
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  });

  it('reads the minutes on both sides of a change that falls on a half hour (Lord Howe, 02:00 local = 15:30 UTC)', () => {
    // prepare: Lord Howe enters summer time (+10:30 -> +11:00) on 2024-10-06 at 02:00 local, i.e. 15:30 UTC the day before
    const zone = 'Australia/Lord_Howe';
    const instants = Array.from({ length: 180 }, (_, i) => Date.UTC(2024, 9, 5, 14, 0) + i * 60_000);
    // act + assess: every minute of the three hours around it, memo warm from the minute before
    for (const ms of instants) expect(localParts(ms, zone)).toMatchObject(reference(ms, zone));
  });

  it('gives the same local midnight the second time (memo) as the first', () => {
    // prepare
    const first = startOfLocalDay('2024-03-31', 'Europe/Paris');
    // act
    const again = startOfLocalDay('2024-03-31', 'Europe/Paris');
    // assess
    expect(again).toBe(first);
    expect(new Date(first).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(localToInstant('2024-10-27', 0, 'Europe/Paris')).toBe(startOfLocalDay('2024-10-27', 'Europe/Paris'));
  });
});
