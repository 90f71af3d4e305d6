import { describe, test, expect } from 'vitest';
import {
  applyAvailabilityPatch,
  availabilityToUtc,
  availabilityWindow,
  availableMinutesByDay,
  isWithinAvailability,
  normalizeAvailability,
  shiftOverlapWarnings,
} from '../../shared/domain/availability.ts';
import type { Availability, AvailabilityPatch, AvailabilityResult } from '../../shared/domain/availability.ts';
import { localToInstantOrGapEnd } from '../../shared/domain/time/zoned.ts';

const PARIS = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const isoIntervals = (byDate: Record<string, { startMs: number; endMs: number }[]>) =>
  Object.fromEntries(Object.entries(byDate).map(([date, intervals]) => [date, intervals.map((i) => [iso(i.startMs), iso(i.endMs)])]));

function normalized(input: AvailabilityPatch): Availability {
  const result = normalizeAvailability(input);
  if (!result.ok) throw new Error(`expected valid availability, got ${JSON.stringify(result.errors)}`);
  return result.availability;
}

function errorsOf(result: AvailabilityResult) {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.availability)}`);
  return result.errors;
}

describe('the seed example (PATCH /users/me/availability)', () => {
  const request = { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null };

  test('gives the response availability, cleared day as []', () => {
    const result = normalizeAvailability(request);

    expect(result).toStrictEqual({
      ok: true,
      availability: { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': [] },
    });
  });

  test('warns about shift_101 overlapping 2024-02-21 in the seed words', () => {
    const availability = normalized(request);
    const shifts = [
      { id: 'shift_789', startMs: at('2024-02-15T19:00:00Z'), endMs: at('2024-02-15T22:00:00Z') },
      { id: 'shift_101', startMs: at('2024-02-21T21:00:00Z'), endMs: at('2024-02-22T01:00:00Z') },
    ];

    const warnings = shiftOverlapWarnings(availability, shifts, PARIS);

    expect(warnings).toStrictEqual([
      {
        date: '2024-02-21',
        message: 'Ce créneau chevauche un shift existant (shift_101). Le conflit sera résolu par le régisseur.',
        severity: 'medium',
      },
    ]);
  });
});

describe('normalizeAvailability: merging and ordering', () => {
  test.each([
    ['overlapping', ['08:00-12:00', '11:00-14:00'], ['08:00-14:00']],
    ['touching', ['08:00-12:00', '12:00-14:00'], ['08:00-14:00']],
    ['contained', ['08:00-18:00', '09:00-10:00'], ['08:00-18:00']],
    ['duplicated', ['09:00-10:00', '09:00-10:00'], ['09:00-10:00']],
    ['unsorted and apart', ['15:00-16:00', '08:00-09:00', '11:00-12:00'], ['08:00-09:00', '11:00-12:00', '15:00-16:00']],
    ['a chain merged transitively', ['13:00-15:00', '08:00-10:00', '09:30-13:30'], ['08:00-15:00']],
    ['crossing midnight with one inside it', ['20:00-02:00', '22:00-23:00'], ['20:00-02:00']],
    ['crossing midnight extended by a later start', ['22:00-02:00', '23:00-05:00'], ['22:00-05:00']],
    ['crossing midnight extended by an earlier range', ['18:00-21:00', '20:00-02:00'], ['18:00-02:00']],
    ['crossing midnight sorted by start', ['23:00-01:00', '08:00-09:00'], ['08:00-09:00', '23:00-01:00']],
    ['end at midnight written as 24:00', ['10:00-00:00'], ['10:00-24:00']],
    ['24:00 end kept', ['18:00-24:00'], ['18:00-24:00']],
    ['the whole day', ['00:00-24:00'], ['00:00-24:00']],
    ['24:00 end merged into a crossing range', ['18:00-24:00', '23:00-02:00'], ['18:00-02:00']],
  ])('%s', (_case, ranges, expected) => {
    const result = normalizeAvailability({ '2024-02-20': ranges });

    expect(result).toStrictEqual({ ok: true, availability: { '2024-02-20': expected } });
  });

  test('a merge spanning 24 h or more cannot be written as one range, so both ranges stay', () => {
    const result = normalizeAvailability({ '2024-02-20': ['23:00-22:00', '00:00-24:00'] });

    expect(result).toStrictEqual({ ok: true, availability: { '2024-02-20': ['00:00-24:00', '23:00-22:00'] } });
  });

  test('normalising twice changes nothing', () => {
    const once = normalized({ '2024-02-20': ['23:00-22:00', '00:00-24:00', '05:00-06:00'], '2024-02-21': ['20:00-02:00', '23:00-03:00', '01:00-03:00'] });

    const twice = normalized(once);

    expect(twice).toStrictEqual(once);
    expect(once).toStrictEqual({ '2024-02-20': ['00:00-24:00', '23:00-22:00'], '2024-02-21': ['01:00-03:00', '20:00-03:00'] });
  });

  test('null and [] both clear a day, and dates come back in calendar order', () => {
    const result = normalizeAvailability({ '2024-03-02': ['09:00-10:00'], '2024-03-01': [], '2024-02-29': null });

    expect(result).toStrictEqual({ ok: true, availability: { '2024-02-29': [], '2024-03-01': [], '2024-03-02': ['09:00-10:00'] } });
    expect(Object.keys(result.ok ? result.availability : {})).toStrictEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });
});

describe('normalizeAvailability: errors', () => {
  test.each([
    ['25:00-26:00'],
    ['8-18'],
    [''],
    ['24:00-02:00'],
    ['10:00-24:01'],
    ['10:60-11:00'],
    ['8:00-18:00'],
    ['10:00 - 12:00'],
    [' 10:00-12:00'],
    ['10:00-12:00-14:00'],
    ['1000-1200'],
    ['10h00-12h00'],
  ])('malformed range «%s»', (range) => {
    const result = normalizeAvailability({ '2024-02-20': [range] });

    expect(errorsOf(result)).toStrictEqual([
      {
        code: 'INVALID_TIME_RANGE',
        date: '2024-02-20',
        range,
        reason: 'malformed_range',
        message: `Plage horaire invalide pour le 2024-02-20 : « ${range} » (format attendu HH:MM-HH:MM)`,
        localised: {
          fr: `Plage horaire invalide pour le 2024-02-20 : « ${range} » (format attendu HH:MM-HH:MM)`,
          en: `Invalid time range for 2024-02-20: "${range}" (expected HH:MM-HH:MM)`,
        },
      },
    ]);
  });

  test.each([['10:00-10:00'], ['00:00-00:00'], ['23:59-23:59']])('empty range «%s»', (range) => {
    const result = normalizeAvailability({ '2024-02-20': [range] });

    expect(errorsOf(result)).toStrictEqual([
      {
        code: 'INVALID_TIME_RANGE',
        date: '2024-02-20',
        range,
        reason: 'empty_range',
        message: `Plage horaire vide pour le 2024-02-20 : « ${range} » (le début et la fin sont identiques)`,
        localised: {
          fr: `Plage horaire vide pour le 2024-02-20 : « ${range} » (le début et la fin sont identiques)`,
          en: `Empty time range for 2024-02-20: "${range}" (start and end are the same)`,
        },
      },
    ]);
  });

  test.each([['2024-02-30'], ['2023-02-29'], ['2024-13-01'], ['2024-2-3'], ['20240220'], ['tomorrow']])('invalid date %s', (date) => {
    const result = normalizeAvailability({ [date]: ['10:00-12:00'] });

    expect(errorsOf(result)).toStrictEqual([
      {
        code: 'INVALID_TIME_RANGE',
        date,
        range: null,
        reason: 'invalid_date',
        message: `Date invalide : « ${date} » (date du calendrier attendue au format AAAA-MM-JJ)`,
        localised: {
          fr: `Date invalide : « ${date} » (date du calendrier attendue au format AAAA-MM-JJ)`,
          en: `Invalid date: "${date}" (expected a calendar date as YYYY-MM-DD)`,
        },
      },
    ]);
  });

  test('a leap day is a valid date', () => {
    const result = normalizeAvailability({ '2024-02-29': ['10:00-12:00'] });

    expect(result).toStrictEqual({ ok: true, availability: { '2024-02-29': ['10:00-12:00'] } });
  });

  test('every error is collected, in input order, and nothing valid is returned', () => {
    const input = {
      '2024-02-20': ['25:00-26:00', '08:00-12:00', '8-18'],
      '2024-02-21': ['10:00-10:00'],
      '2024-02-30': null,
      '2024-02-31': [''],
      '2024-02-22': ['09:00-17:00'],
    };

    const errors = errorsOf(normalizeAvailability(input));

    expect(errors.map(({ date, range, reason }) => [date, range, reason])).toStrictEqual([
      ['2024-02-20', '25:00-26:00', 'malformed_range'],
      ['2024-02-20', '8-18', 'malformed_range'],
      ['2024-02-21', '10:00-10:00', 'empty_range'],
      ['2024-02-30', null, 'invalid_date'],
      ['2024-02-31', null, 'invalid_date'],
      ['2024-02-31', '', 'malformed_range'],
    ]);
    expect(errors.every((e) => e.code === 'INVALID_TIME_RANGE')).toBe(true);
    expect(errors[0]?.message).toBe('Plage horaire invalide pour le 2024-02-20 : « 25:00-26:00 » (format attendu HH:MM-HH:MM)');
  });

  test('a value off the wire that is neither a list nor null, or a non-string range, is an error, not a crash', () => {
    const input = { '2024-02-20': '10:00-12:00', '2024-02-21': [8, null] } as unknown as AvailabilityPatch;

    const errors = errorsOf(normalizeAvailability(input));

    expect(errors.map(({ date, range, reason, message }) => [date, range, reason, message])).toStrictEqual([
      ['2024-02-20', null, 'not_a_list', 'Valeur invalide pour le 2024-02-20 : une liste de plages HH:MM-HH:MM ou null est attendue'],
      ['2024-02-21', '8', 'malformed_range', 'Plage horaire invalide pour le 2024-02-21 : « 8 » (format attendu HH:MM-HH:MM)'],
      ['2024-02-21', 'null', 'malformed_range', 'Plage horaire invalide pour le 2024-02-21 : « null » (format attendu HH:MM-HH:MM)'],
    ]);
  });
});

describe('availabilityToUtc and availableMinutesByDay', () => {
  test('winter day in Paris (UTC+1), with a range crossing midnight kept under its own date', () => {
    const availability = normalized({ '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null });

    const intervals = availabilityToUtc(availability, PARIS);
    const minutes = availableMinutesByDay(availability, PARIS);

    expect(isoIntervals(intervals)).toStrictEqual({
      '2024-02-20': [['2024-02-20T09:00:00.000Z', '2024-02-20T19:00:00.000Z']],
      '2024-02-21': [['2024-02-21T13:00:00.000Z', '2024-02-22T02:00:00.000Z']],
      '2024-02-22': [],
    });
    expect(minutes).toStrictEqual({ '2024-02-20': 600, '2024-02-21': 780, '2024-02-22': 0 });
  });

  test('spring forward, 2024-03-31: 02:00-03:00 does not exist and a gap time is the instant the clock jumps', () => {
    const cases: [string, [string, string][], number][] = [
      ['01:00-04:00', [['2024-03-31T00:00:00.000Z', '2024-03-31T02:00:00.000Z']], 120],
      ['02:30-04:00', [['2024-03-31T01:00:00.000Z', '2024-03-31T02:00:00.000Z']], 60],
      ['01:00-02:30', [['2024-03-31T00:00:00.000Z', '2024-03-31T01:00:00.000Z']], 60],
      ['02:00-03:00', [], 0],
      ['02:15-02:45', [], 0],
      ['00:00-24:00', [['2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z']], 1380],
    ];

    for (const [range, expectedIntervals, expectedMinutes] of cases) {
      const availability = normalized({ '2024-03-31': [range] });

      const intervals = availabilityToUtc(availability, PARIS);
      const minutes = availableMinutesByDay(availability, PARIS);

      expect(isoIntervals(intervals), range).toStrictEqual({ '2024-03-31': expectedIntervals });
      expect(minutes, range).toStrictEqual({ '2024-03-31': expectedMinutes });
    }
  });

  test('spring forward: ranges separated only by the gap become one interval', () => {
    const availability = normalized({ '2024-03-31': ['01:00-02:00', '02:30-04:00'] });

    const intervals = availabilityToUtc(availability, PARIS);

    expect(availability).toStrictEqual({ '2024-03-31': ['01:00-02:00', '02:30-04:00'] });
    expect(isoIntervals(intervals)).toStrictEqual({ '2024-03-31': [['2024-03-31T00:00:00.000Z', '2024-03-31T02:00:00.000Z']] });
  });

  test('fall back, 2024-10-27: 02:00-03:00 happens twice and a fold time is its first occurrence', () => {
    const cases: [string, [string, string][], number][] = [
      ['01:00-04:00', [['2024-10-26T23:00:00.000Z', '2024-10-27T03:00:00.000Z']], 240],
      ['02:30-03:30', [['2024-10-27T00:30:00.000Z', '2024-10-27T02:30:00.000Z']], 120],
      ['00:00-24:00', [['2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z']], 1500],
    ];

    for (const [range, expectedIntervals, expectedMinutes] of cases) {
      const availability = normalized({ '2024-10-27': [range] });

      const intervals = availabilityToUtc(availability, PARIS);
      const minutes = availableMinutesByDay(availability, PARIS);

      expect(isoIntervals(intervals), range).toStrictEqual({ '2024-10-27': expectedIntervals });
      expect(minutes, range).toStrictEqual({ '2024-10-27': expectedMinutes });
    }
  });

  test('a night crossing into a daylight-saving day lasts its real length', () => {
    const availability = normalized({ '2024-03-30': ['22:00-06:00'], '2024-10-26': ['22:00-06:00'] });

    const intervals = availabilityToUtc(availability, PARIS);
    const minutes = availableMinutesByDay(availability, PARIS);

    expect(isoIntervals(intervals)).toStrictEqual({
      '2024-03-30': [['2024-03-30T21:00:00.000Z', '2024-03-31T04:00:00.000Z']],
      '2024-10-26': [['2024-10-26T20:00:00.000Z', '2024-10-27T05:00:00.000Z']],
    });
    expect(minutes).toStrictEqual({ '2024-03-30': 420, '2024-10-26': 540 });
  });

  test('ranges kept apart because their merge spans over 24 h are counted once', () => {
    const availability = normalized({ '2024-02-20': ['00:00-24:00', '23:00-22:00'] });

    const intervals = availabilityToUtc(availability, PARIS);
    const minutes = availableMinutesByDay(availability, PARIS);

    expect(isoIntervals(intervals)).toStrictEqual({ '2024-02-20': [['2024-02-19T23:00:00.000Z', '2024-02-21T21:00:00.000Z']] });
    expect(minutes).toStrictEqual({ '2024-02-20': 2760 });
  });

  test('the time zone is the organisation’s, not Paris by accident', () => {
    const availability = normalized({ '2024-07-01': ['09:00-17:00'] });

    const intervals = availabilityToUtc(availability, 'America/New_York');

    expect(isoIntervals(intervals)).toStrictEqual({ '2024-07-01': [['2024-07-01T13:00:00.000Z', '2024-07-01T21:00:00.000Z']] });
  });

  test('availabilityWindow bounds every declared range, and is null when nothing is declared', () => {
    const availability = normalized({ '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null });

    const window = availabilityWindow(availability, PARIS);
    const none = availabilityWindow({ '2024-02-22': [] }, PARIS);

    expect(window && [iso(window.startMs), iso(window.endMs)]).toStrictEqual(['2024-02-20T09:00:00.000Z', '2024-02-22T02:00:00.000Z']);
    expect(none).toBeNull();
  });

  test('an unknown time zone or an unnormalised range is a programming error', () => {
    expect(() => availabilityToUtc({ '2024-02-20': ['10:00-12:00'] }, 'Europe/Nowhere')).toThrow(RangeError);
    expect(() => availabilityToUtc({ '2024-02-20': ['8-18'] }, PARIS)).toThrow(RangeError);
  });
});

describe('shiftOverlapWarnings', () => {
  const availability = { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': [] };
  const warning = (date: string, shiftId: string) => ({
    date,
    message: `Ce créneau chevauche un shift existant (${shiftId}). Le conflit sera résolu par le régisseur.`,
    severity: 'medium',
  });

  test('one warning per (date, shift), ordered by date then shift start', () => {
    const shifts = [
      { id: 'shift_late', startMs: at('2024-02-22T01:00:00Z'), endMs: at('2024-02-22T04:00:00Z') },
      { id: 'shift_early', startMs: at('2024-02-21T12:00:00Z'), endMs: at('2024-02-21T14:00:00Z') },
      { id: 'shift_span', startMs: at('2024-02-20T18:00:00Z'), endMs: at('2024-02-21T14:00:00Z') },
    ];

    const warnings = shiftOverlapWarnings(availability, shifts, PARIS);

    expect(warnings).toStrictEqual([
      warning('2024-02-20', 'shift_span'),
      warning('2024-02-21', 'shift_span'),
      warning('2024-02-21', 'shift_early'),
      warning('2024-02-21', 'shift_late'),
    ]);
  });

  test('a shift meeting two ranges of one date gives one warning', () => {
    const shifts = [{ id: 'shift_101', startMs: at('2024-02-20T08:00:00Z'), endMs: at('2024-02-20T16:00:00Z') }];

    const warnings = shiftOverlapWarnings({ '2024-02-20': ['08:00-10:00', '14:00-18:00'] }, shifts, PARIS);

    expect(warnings).toStrictEqual([warning('2024-02-20', 'shift_101')]);
  });

  test('touching is not overlapping, and cleared days warn about nothing', () => {
    const shifts = [
      { id: 'ends_at_start', startMs: at('2024-02-20T07:00:00Z'), endMs: at('2024-02-20T09:00:00Z') },
      { id: 'starts_at_end', startMs: at('2024-02-20T19:00:00Z'), endMs: at('2024-02-20T21:00:00Z') },
      { id: 'after_the_night', startMs: at('2024-02-22T02:00:00Z'), endMs: at('2024-02-22T10:00:00Z') },
    ];

    const warnings = shiftOverlapWarnings(availability, shifts, PARIS);

    expect(warnings).toStrictEqual([]);
  });
});

describe('isWithinAvailability', () => {
  const availability = { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-24': ['20:00-24:00'], '2024-02-25': ['00:00-06:00'] };

  test.each([
    ['inside a day range', '2024-02-20T10:00:00Z', '2024-02-20T12:00:00Z', true],
    ['exactly the range (half-open ends)', '2024-02-20T09:00:00Z', '2024-02-20T19:00:00Z', true],
    ['one minute past the end', '2024-02-20T09:00:00Z', '2024-02-20T19:01:00Z', false],
    ['one minute before the start', '2024-02-20T08:59:00Z', '2024-02-20T12:00:00Z', false],
    ['after midnight, covered by the previous day crossing range', '2024-02-22T00:00:00Z', '2024-02-22T01:30:00Z', true],
    ['across midnight inside the crossing range', '2024-02-21T21:00:00Z', '2024-02-22T02:00:00Z', true],
    ['past the end of the crossing range', '2024-02-22T00:00:00Z', '2024-02-22T02:30:00Z', false],
    ['across two dates whose ranges touch at midnight', '2024-02-24T21:00:00Z', '2024-02-25T04:00:00Z', true],
    ['across the gap between two dates', '2024-02-20T18:00:00Z', '2024-02-21T14:00:00Z', false],
    ['on a day with nothing declared', '2024-02-23T10:00:00Z', '2024-02-23T11:00:00Z', false],
    ['an empty interval', '2024-02-20T10:00:00Z', '2024-02-20T10:00:00Z', false],
    ['an inverted interval', '2024-02-20T12:00:00Z', '2024-02-20T10:00:00Z', false],
  ])('%s', (_case, start, end, expected) => {
    const within = isWithinAvailability(availability, at(start), at(end), PARIS);

    expect(within).toBe(expected);
  });

  test('across the spring-forward night, a range ending after the gap covers the real hours', () => {
    const springNight = { '2024-03-30': ['22:00-04:00'] };

    const coveredUntilFour = isWithinAvailability(springNight, at('2024-03-30T21:00:00Z'), at('2024-03-31T02:00:00Z'), PARIS);
    const pastFour = isWithinAvailability(springNight, at('2024-03-30T21:00:00Z'), at('2024-03-31T02:01:00Z'), PARIS);

    expect(coveredUntilFour).toBe(true);
    expect(pastFour).toBe(false);
  });
});

describe('applyAvailabilityPatch', () => {
  test('replaces the named dates, removes cleared ones, keeps the rest, in calendar order', () => {
    const stored = { '2024-02-22': ['08:00-12:00'], '2024-02-19': ['09:00-17:00'], '2024-02-20': ['08:00-09:00'] };
    const patch = normalized({ '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null, '2024-02-23': [] });

    const next = applyAvailabilityPatch(stored, patch);

    expect(next).toStrictEqual({ '2024-02-19': ['09:00-17:00'], '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'] });
    expect(Object.keys(next)).toStrictEqual(['2024-02-19', '2024-02-20', '2024-02-21']);
    expect(stored).toStrictEqual({ '2024-02-22': ['08:00-12:00'], '2024-02-19': ['09:00-17:00'], '2024-02-20': ['08:00-09:00'] });
  });

  test('empty days already in the store are dropped', () => {
    const next = applyAvailabilityPatch({ '2024-02-19': [], '2024-02-20': ['08:00-09:00'] }, {});

    expect(next).toStrictEqual({ '2024-02-20': ['08:00-09:00'] });
  });
});

describe('localToInstantOrGapEnd (added to zoned.ts for this engine)', () => {
  test.each([
    ['Paris, inside the gap', '2024-03-31', 150, PARIS, '2024-03-31T01:00:00.000Z'],
    ['Paris, gap start', '2024-03-31', 120, PARIS, '2024-03-31T01:00:00.000Z'],
    ['Paris, gap end', '2024-03-31', 180, PARIS, '2024-03-31T01:00:00.000Z'],
    ['Paris, an ordinary time', '2024-03-31', 60, PARIS, '2024-03-31T00:00:00.000Z'],
    ['Paris, the fold stays on its first occurrence', '2024-10-27', 150, PARIS, '2024-10-27T00:30:00.000Z'],
    ['New York, inside the gap', '2024-03-10', 150, 'America/New_York', '2024-03-10T07:00:00.000Z'],
    ['Lord Howe, a 30-minute gap', '2024-10-06', 135, 'Australia/Lord_Howe', '2024-10-05T15:30:00.000Z'],
    ['Paris, next day reached through minutes past 1440', '2024-03-30', 1440 + 150, PARIS, '2024-03-31T01:00:00.000Z'],
  ])('%s', (_case, date, minutes, timeZone, expected) => {
    const instant = localToInstantOrGapEnd(date, minutes, timeZone);

    expect(iso(instant)).toBe(expected);
  });
});
