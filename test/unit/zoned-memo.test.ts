/**
 * The zone arithmetic reads offsets from per-hour memo tables. These properties compare it with
 * @date-fns/tz read afresh at every instant, in zones whose changes fall off the hour or off the
 * half hour, over a century of instants. A wrong memo (an hour whose offset changes inside it
 * taken as steady) shows as a wall clock one step off around the change.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { localParts, startOfLocalDay, localToInstant } from '../../shared/domain/time/zoned.ts';

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

describe('zone arithmetic with memo tables', () => {
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
