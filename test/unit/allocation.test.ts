/** The pure half of booking without races: time ranges, overlap and stock checks, stripes, timelines. */
import { describe, expect, it } from 'vitest';
import {
  findConflicts,
  freeIntervals,
  freeThroughout,
  LOCK_STRIPE_MS,
  MAX_ALLOCATION_MS,
  overlaps,
  parseInstant,
  parseTimeRange,
  peakUsage,
  stripesOf,
  timeline,
  type Allocation,
} from '../../shared/domain/allocation.ts';
import { DomainError } from '../../shared/domain/errors.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

function allocation(id: string, start: string, end: string, quantity = 1): Allocation {
  return { id, start: at(start), end: at(end), quantity, ownerType: 'equipment_booking', ownerId: id, eventId: 'event_456' };
}

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseInstant', () => {
  it('reads RFC 3339 with an offset, with Z, and without an offset as UTC', () => {
    expect(parseInstant('2024-02-15T20:00:00+01:00')).toBe(at('2024-02-15T19:00:00Z'));
    expect(parseInstant('2024-02-15T19:00:00Z')).toBe(at('2024-02-15T19:00:00Z'));
    expect(parseInstant('2024-02-15T00:00:00')).toBe(at('2024-02-15T00:00:00Z'));
    expect(parseInstant('2024-02-15T00:00')).toBe(at('2024-02-15T00:00:00Z'));
    expect(parseInstant('2024-02-15T10:00:00.123456-05:30')).toBe(at('2024-02-15T15:30:00.123Z'));
  });

  it('refuses what is not an instant', () => {
    for (const text of ['2024-02-30T10:00:00Z', '2024-02-15T24:00:00Z', '2024-02-15 10:00:00Z', '2024-02-15', 'demain', '2024-02-15T10:00:00+19:00', '1969-12-31T23:59:59Z']) {
      expect(parseInstant(text), text).toBeNull();
    }
  });
});

describe('parseTimeRange', () => {
  it('gives the half-open interval', () => {
    expect(parseTimeRange('2024-02-15T20:00:00+01:00', '2024-02-16T02:00:00+01:00')).toEqual({ start: at('2024-02-15T19:00:00Z'), end: at('2024-02-16T01:00:00Z') });
  });

  it('answers INVALID_TIME_RANGE naming the field and the reason', () => {
    const malformed = caught(() => parseTimeRange('2024-02-15T20:00:00Z', 'nope'));
    const reversed = caught(() => parseTimeRange('2024-02-15T20:00:00Z', '2024-02-15T20:00:00Z'));
    const tooLong = caught(() => parseTimeRange('2024-02-01T00:00:00Z', '2024-02-08T00:00:01Z', { maxMs: MAX_ALLOCATION_MS }));
    expect([malformed.code, reversed.code, tooLong.code]).toEqual(['INVALID_TIME_RANGE', 'INVALID_TIME_RANGE', 'INVALID_TIME_RANGE']);
    expect(malformed.kind).toBe('invalid');
    expect(malformed.details).toEqual([{ field: 'end_time', message: expect.stringContaining('end_time'), reason: 'malformed' }]);
    expect(reversed.details).toEqual([{ field: 'end_time', message: 'end_time must be after start_time', reason: 'end_not_after_start' }]);
    expect(tooLong.details).toEqual([{ field: 'end_time', message: 'The range start_time-end_time is longer than the maximum (7 days)', reason: 'too_long' }]);
    expect(parseTimeRange('2024-02-01T00:00:00Z', '2024-02-08T00:00:00Z', { maxMs: MAX_ALLOCATION_MS }).end).toBe(at('2024-02-08T00:00:00Z'));
  });
});

describe('findConflicts', () => {
  const booked = allocation('booking_1', '2024-02-15T19:00:00Z', '2024-02-16T01:00:00Z');

  it('lets a unit be booked back to back (half-open intervals) and refuses any overlap', () => {
    const before = { id: 'a', start: at('2024-02-15T17:00:00Z'), end: at('2024-02-15T19:00:00Z'), quantity: 1 };
    const after = { id: 'b', start: at('2024-02-16T01:00:00Z'), end: at('2024-02-16T03:00:00Z'), quantity: 1 };
    const overlapping = { id: 'c', start: at('2024-02-16T00:59:59Z'), end: at('2024-02-16T03:00:00Z'), quantity: 1 };
    expect(findConflicts([booked], [before, after], 1)).toEqual([]);
    expect(findConflicts([booked], [overlapping], 1)).toEqual([{ requested: overlapping, conflictsWith: [booked], available: 0, capacity: 1 }]);
  });

  it('counts the earlier requests of the same call as held', () => {
    const first = { id: 'a', start: at('2024-02-15T10:00:00Z'), end: at('2024-02-15T12:00:00Z'), quantity: 1 };
    const second = { id: 'b', start: at('2024-02-15T11:00:00Z'), end: at('2024-02-15T13:00:00Z'), quantity: 1 };
    expect(findConflicts([], [first, second], 1)).toEqual([{ requested: second, conflictsWith: [], available: 0, capacity: 1 }]);
  });

  it('books a stock up to its peak usage, not the sum of every overlapping booking', () => {
    const morning = allocation('m', '2024-02-15T08:00:00Z', '2024-02-15T12:00:00Z', 25);
    const evening = allocation('e', '2024-02-15T14:00:00Z', '2024-02-15T18:00:00Z', 28);
    const allDay = { id: 'x', start: at('2024-02-15T06:00:00Z'), end: at('2024-02-15T20:00:00Z'), quantity: 12 };
    const oneMore = { ...allDay, id: 'y', quantity: 13 };
    expect(findConflicts([morning, evening], [allDay], 40)).toEqual([]);
    expect(findConflicts([morning, evening], [oneMore], 40)).toEqual([{ requested: oneMore, conflictsWith: [evening], available: 12, capacity: 40 }]);
  });

  it('finds the peak where usage rises inside the interval', () => {
    const list = [allocation('a', '2024-02-15T08:00:00Z', '2024-02-15T12:00:00Z', 3), allocation('b', '2024-02-15T10:00:00Z', '2024-02-15T14:00:00Z', 4)];
    expect(peakUsage(list, { start: at('2024-02-15T09:00:00Z'), end: at('2024-02-15T11:00:00Z') })).toEqual({ peak: 7, at: at('2024-02-15T10:00:00Z') });
    expect(peakUsage(list, { start: at('2024-02-15T12:00:00Z'), end: at('2024-02-15T13:00:00Z') })).toEqual({ peak: 4, at: at('2024-02-15T12:00:00Z') });
    expect(peakUsage(list, { start: at('2024-02-15T14:00:00Z'), end: at('2024-02-15T15:00:00Z') })).toEqual({ peak: 0, at: null });
  });
});

describe('stripesOf', () => {
  it('gives the stripes an interval touches, its end excluded', () => {
    const start = 1000 * LOCK_STRIPE_MS;
    expect(stripesOf([{ start, end: start + LOCK_STRIPE_MS }])).toEqual([1000]);
    expect(stripesOf([{ start: start - 1, end: start + 1 }])).toEqual([999, 1000]);
    expect(stripesOf([{ start, end: start + 7 * 24 * HOUR }])).toHaveLength(28);
  });

  it('always gives two overlapping intervals a stripe in common, and never two in distant stripes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const a = { start: Math.floor(random() * 96) * 15 * 60_000, end: 0 };
      a.end = a.start + (1 + Math.floor(random() * 48)) * 15 * 60_000;
      const b = { start: Math.floor(random() * 96) * 15 * 60_000, end: 0 };
      b.end = b.start + (1 + Math.floor(random() * 48)) * 15 * 60_000;
      const shared = stripesOf([a]).some((stripe) => stripesOf([b]).includes(stripe));
      if (overlaps(a, b)) expect(shared, JSON.stringify({ a, b })).toBe(true);
    }
  });
});

describe('timeline', () => {
  const window = { start: at('2024-02-15T00:00:00Z'), end: at('2024-02-16T00:00:00Z') };

  it('cuts a unit window into contiguous available and booked segments', () => {
    const booking = allocation('booking_1', '2024-02-15T19:00:00Z', '2024-02-16T01:00:00Z');
    const segments = timeline({ window, capacity: 1, allocations: [booking] });
    expect(segments).toEqual([
      { start: window.start, end: at('2024-02-15T19:00:00Z'), status: 'available', free: 1, used: 0, allocations: [] },
      { start: at('2024-02-15T19:00:00Z'), end: window.end, status: 'booked', free: 0, used: 1, allocations: [booking] },
    ]);
  });

  it('keeps back-to-back bookings apart and shows booked over maintenance', () => {
    const first = allocation('a', '2024-02-15T10:00:00Z', '2024-02-15T12:00:00Z');
    const second = allocation('b', '2024-02-15T12:00:00Z', '2024-02-15T14:00:00Z');
    const segments = timeline({ window, capacity: 1, allocations: [second, first], blocked: [{ start: at('2024-02-15T13:00:00Z'), end: Number.MAX_SAFE_INTEGER }] });
    expect(segments.map((segment) => [new Date(segment.start).toISOString().slice(11, 16), segment.status, segment.allocations.map((a) => a.id).join()])).toEqual([
      ['00:00', 'available', ''],
      ['10:00', 'booked', 'a'],
      ['12:00', 'booked', 'b'],
      ['14:00', 'maintenance', ''],
    ]);
    expect(segments.at(-1)!.end).toBe(window.end);
  });

  it('gives a stock its free quantity per segment, and what is free throughout', () => {
    const segments = timeline({ window, capacity: 40, allocations: [allocation('a', '2024-02-15T08:00:00Z', '2024-02-15T12:00:00Z', 28)] });
    expect(freeIntervals(segments)).toEqual([
      { start: window.start, end: at('2024-02-15T08:00:00Z'), quantity: 40 },
      { start: at('2024-02-15T08:00:00Z'), end: at('2024-02-15T12:00:00Z'), quantity: 12 },
      { start: at('2024-02-15T12:00:00Z'), end: window.end, quantity: 40 },
    ]);
    expect(freeThroughout(segments)).toBe(12);
  });

  it('shows a retired item as retired wherever it is not booked', () => {
    expect(timeline({ window, capacity: 1, allocations: [], retired: true })).toEqual([{ start: window.start, end: window.end, status: 'retired', free: 0, used: 0, allocations: [] }]);
  });
});
