/**
 * Allocations of a resource (an equipment unit, a stock of bulk equipment, later a technician):
 * half-open time intervals, each holding some quantity of the resource's capacity. This module is
 * the pure half of "booking without races" (docs/equipment.md): parsing time ranges, deciding
 * whether new allocations fit beside existing ones, and describing a window as contiguous
 * segments. The store (shared/store/allocations.ts) reads the existing allocations and writes the
 * new ones under a version lock; the decision is made here.
 *
 * Instants are epoch milliseconds; intervals are half-open, so a booking ending at 20:00 does not
 * conflict with one starting at 20:00.
 */
import { isAcceptedYear } from './bounds.ts';
import { DomainError } from './errors.ts';
import { codeOf, message, textOf, type KeyParams, type MessageKey } from '../messages/catalogue.ts';

export interface Interval {
  start: number;
  end: number;
}

/**
 * The longest allocation the store accepts. The overlap query reads only the allocations that
 * start in `[start - MAX_ALLOCATION_MS, end)`: any allocation that can overlap `[start, end)`
 * starts there, whatever the length of the resource's history, because none is longer.
 */
export const MAX_ALLOCATION_DAYS = 7;
export const MAX_ALLOCATION_MS = MAX_ALLOCATION_DAYS * 24 * 3_600_000;

/**
 * The resource's lock keeps one version per stripe of time (6 hours of UTC, counted from the
 * epoch) besides its overall version. An allocation bumps the stripes its interval touches and is
 * written only if they did not move since it read them. Two overlapping intervals both touch the
 * stripe holding the later of their starts, so a conflicting allocation committed meanwhile is
 * always caught, while bookings in other stripes of the same resource no longer make each other
 * retry. Constant: changing it would let bookings written under both widths miss each other.
 */
export const LOCK_STRIPE_MS = 6 * 3_600_000;

/** The stripes `intervals` touch (half-open: an interval ending on a stripe boundary does not touch the next), ascending. */
export function stripesOf(intervals: readonly Interval[]): number[] {
  const stripes = new Set<number>();
  for (const interval of intervals) {
    for (let stripe = Math.floor(interval.start / LOCK_STRIPE_MS); stripe <= Math.floor((interval.end - 1) / LOCK_STRIPE_MS); stripe++) stripes.add(stripe);
  }
  return [...stripes].sort((a, b) => a - b);
}

/** The instants a run of stripes covers: from the first one's start to the last one's end. */
export function spanOfStripes(stripes: readonly number[]): Interval {
  return { start: Math.min(...stripes) * LOCK_STRIPE_MS, end: (Math.max(...stripes) + 1) * LOCK_STRIPE_MS };
}

/**
 * Per stripe, the quantity held by the allocations that touch it (wholly or in part). It bounds
 * the use at every instant of the stripe from above (two allocations of one stripe count both even
 * when they do not overlap), which is what lets a counter decide without reading the allocations:
 * a stripe whose count plus the quantity asked fits the capacity cannot be overbooked by it.
 */
export function usageByStripe(allocations: readonly (Interval & { quantity: number })[], only?: readonly number[]): Map<number, number> {
  const usage = new Map<number, number>((only ?? []).map((stripe) => [stripe, 0]));
  for (const allocation of allocations) {
    for (const stripe of stripesOf([allocation])) {
      if (only && !usage.has(stripe)) continue;
      usage.set(stripe, (usage.get(stripe) ?? 0) + allocation.quantity);
    }
  }
  return usage;
}

/**
 * Whether the stripes' usage counters alone prove that adding `deltas` (per stripe, what the
 * write adds there, negative where it frees more than it takes) keeps every stripe, hence every
 * instant, within `capacity`. `counters`: a stripe absent was never allocated (0); null is a
 * counter not known (a lock written before counters existed, or one a release left uncounted).
 * False means "not proven", not "conflict": the exact check over the allocations decides then.
 */
export function countersAdmit(counters: ReadonlyMap<number, number | null>, deltas: ReadonlyMap<number, number>, capacity: number): boolean {
  for (const [stripe, delta] of deltas) {
    if (delta <= 0) continue;
    const used = counters.has(stripe) ? counters.get(stripe)! : 0;
    if (used === null || used + delta > capacity) return false;
  }
  return true;
}

/** Whether every counter is known and within `capacity`: no instant of those stripes holds more. */
export const countersWithin = (counters: Iterable<number | null>, capacity: number): boolean => [...counters].every((used) => used !== null && used <= capacity);

/** Instants outside this range would not sort as fixed-width ISO strings in the allocation keys. */
const MIN_INSTANT = Date.UTC(1970, 0, 1);
const MAX_INSTANT = Date.UTC(2999, 11, 31, 23, 59, 59, 999);

export const INVALID_TIME_RANGE = 'INVALID_TIME_RANGE';

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

// RFC 3339 date-time; the offset is optional because the PlanningHub rules say instants without
// one are UTC (`2024-02-15T00:00:00` in the spec's GET /equipment example).
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:\d{2})?$/;

/** Epoch ms of an RFC 3339 instant (offset optional, UTC when absent), or null when malformed. */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (!isAcceptedYear(year) || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const dayProbe = new Date(Date.UTC(year, month - 1, day));
  if (dayProbe.getUTCMonth() !== month - 1 || dayProbe.getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetHours = Number(zone.slice(1, 3));
    const offsetRest = Number(zone.slice(4, 6));
    if (offsetHours > 18 || offsetRest > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetRest);
  }
  // Milliseconds are kept; finer digits cannot be stored in an epoch-ms instant and are dropped.
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  if (instant < MIN_INSTANT || instant > MAX_INSTANT) return null;
  return instant;
}

export interface TimeRangeFields {
  start: string;
  end: string;
}

type RangeErrorKey = Extract<MessageKey, `INVALID_TIME_RANGE.${string}`>;

function rangeError<K extends RangeErrorKey>(field: string, reason: string, key: K, ...params: KeyParams<K>): DomainError {
  const text = textOf(key, params[0]);
  return new DomainError('invalid', codeOf(key), text, [{ field, message: text.en, reason }]);
}

/** The sentence of a range longer than its maximum, when the caller has one of its own. */
export interface TooLong {
  key: 'INVALID_TIME_RANGE.window_too_long' | 'INVALID_TIME_RANGE.booking_too_long';
  days: number;
}

/**
 * `[start, end)` from the request's texts: 400 INVALID_TIME_RANGE when either is malformed, when
 * end <= start, or when the range is longer than `maxMs`.
 */
export function parseTimeRange(
  startText: string,
  endText: string,
  options: { fields?: TimeRangeFields; maxMs?: number; tooLong?: TooLong } = {},
): Interval {
  const fields = options.fields ?? { start: 'start_time', end: 'end_time' };
  const start = parseInstant(startText);
  if (start === null) {
    throw rangeError(fields.start, 'malformed', 'INVALID_TIME_RANGE.malformed', { field: fields.start, example: '2024-02-15T20:00:00+01:00' });
  }
  const end = parseInstant(endText);
  if (end === null) {
    throw rangeError(fields.end, 'malformed', 'INVALID_TIME_RANGE.malformed', { field: fields.end, example: '2024-02-16T02:00:00+01:00' });
  }
  if (end <= start) {
    throw rangeError(fields.end, 'end_not_after_start', 'INVALID_TIME_RANGE.end_not_after_start', { start: fields.start, end: fields.end });
  }
  if (options.maxMs !== undefined && end - start > options.maxMs) {
    if (options.tooLong) throw rangeError(fields.end, 'too_long', options.tooLong.key, { days: options.tooLong.days });
    throw rangeError(fields.end, 'too_long', 'INVALID_TIME_RANGE.too_long', { start: fields.start, end: fields.end, hours: options.maxMs / 3_600_000 });
  }
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Deciding whether new allocations fit.

/** An allocation as stored under its resource. */
export interface Allocation extends Interval {
  /** Unique within the resource (the owner's id: a booking id, later a shift id). */
  id: string;
  /** Units of the resource's capacity held (1 for a unit, a technician; n of a bulk stock). */
  quantity: number;
  /** What holds it: `equipment_booking` now, `shift` later. */
  ownerType: string;
  ownerId: string;
  eventId: string | null;
}

/** An allocation a caller wants to add. */
export interface RequestedAllocation extends Interval {
  id: string;
  quantity: number;
}

export interface AllocationConflict {
  /** The request that does not fit. */
  requested: RequestedAllocation;
  /** The allocations it collides with: for a unit, every overlapping one; for a stock, those held at its worst moment. */
  conflictsWith: Allocation[];
  /** Capacity left at the worst moment of the requested interval, before the request. */
  available: number;
  capacity: number;
}

/**
 * Highest total quantity held at any instant of `interval` by `allocations`, and the
 * allocations held at the first instant that reaches it.
 */
export function peakUsage(allocations: readonly (Interval & { quantity: number })[], interval: Interval): { peak: number; at: number | null } {
  const relevant = allocations.filter((allocation) => overlaps(allocation, interval));
  if (relevant.length === 0) return { peak: 0, at: null };
  // Usage only rises at a start, so the peak is reached at one of these instants.
  const candidates = new Set<number>([interval.start, ...relevant.map((allocation) => allocation.start).filter((start) => start > interval.start)]);
  let peak = 0;
  let at: number | null = null;
  for (const instant of [...candidates].sort((a, b) => a - b)) {
    const usage = relevant.reduce((sum, allocation) => (allocation.start <= instant && instant < allocation.end ? sum + allocation.quantity : sum), 0);
    if (usage > peak) {
      peak = usage;
      at = instant;
    }
  }
  return { peak, at };
}

/**
 * Checks requests against a resource's existing allocations and against one another (a shift may
 * ask for the same stock twice), in order. A request fits when, at every instant of its interval,
 * what is already held plus what it asks stays within `capacity`. Each request is judged with the
 * earlier requests of the same call counted as held.
 */
export function findConflicts(existing: readonly Allocation[], requests: readonly RequestedAllocation[], capacity: number): AllocationConflict[] {
  const conflicts: AllocationConflict[] = [];
  const held: (Allocation | (RequestedAllocation & { pending: true }))[] = [...existing];
  for (const request of requests) {
    const { peak, at } = peakUsage(held, request);
    if (peak + request.quantity > capacity) {
      const atWorst = at === null ? [] : held.filter((allocation) => allocation.start <= at && at < allocation.end);
      const collidesWith = capacity === 1 ? held.filter((allocation) => overlaps(allocation, request)) : atWorst;
      conflicts.push({
        requested: request,
        conflictsWith: collidesWith.filter((allocation): allocation is Allocation => !('pending' in allocation)).sort(byStart),
        available: Math.max(0, capacity - peak),
        capacity,
      });
    } else {
      held.push({ ...request, pending: true });
    }
  }
  return conflicts;
}

const byStart = (a: Interval, b: Interval) => a.start - b.start || a.end - b.end;

// ---------------------------------------------------------------------------------------------
// Describing a window.

export type SegmentStatus = 'available' | 'booked' | 'maintenance' | 'retired';

export interface Segment extends Interval {
  status: SegmentStatus;
  /** Capacity free for a new allocation during the segment (0 when booked out, in maintenance or retired). */
  free: number;
  /** Quantity held by allocations during the segment. */
  used: number;
  /** The allocations held during the segment, by start. */
  allocations: Allocation[];
}

export interface TimelineInput {
  window: Interval;
  capacity: number;
  allocations: readonly Allocation[];
  /** Where nothing may be allocated for maintenance reasons (may extend beyond the window). */
  blocked?: readonly Interval[];
  /** A retired resource accepts nothing new; its past and remaining allocations still show. */
  retired?: boolean;
}

/**
 * The window cut into contiguous segments of constant state: the first starts at the window's
 * start, each starts where the previous ends, the last ends at the window's end. Precedence: an
 * allocation that uses up the capacity makes `booked` (a commitment is a fact, shown even inside a
 * maintenance period), then `maintenance`, then `retired`, then `available` (for a stock: some
 * quantity still free).
 */
export function timeline(input: TimelineInput): Segment[] {
  const { window, capacity } = input;
  const allocations = input.allocations.filter((allocation) => overlaps(allocation, window)).sort(byStart);
  const blocked = (input.blocked ?? []).filter((interval) => overlaps(interval, window));
  const cuts = new Set<number>([window.start, window.end]);
  for (const interval of [...allocations, ...blocked]) {
    if (interval.start > window.start && interval.start < window.end) cuts.add(interval.start);
    if (interval.end > window.start && interval.end < window.end) cuts.add(interval.end);
  }
  const instants = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < instants.length; i++) {
    const start = instants[i]!;
    const end = instants[i + 1]!;
    const held = allocations.filter((allocation) => allocation.start <= start && start < allocation.end);
    const used = held.reduce((sum, allocation) => sum + allocation.quantity, 0);
    const inMaintenance = blocked.some((interval) => interval.start <= start && start < interval.end);
    const free = inMaintenance || input.retired ? 0 : Math.max(0, capacity - used);
    const status: SegmentStatus = used >= capacity ? 'booked' : inMaintenance ? 'maintenance' : input.retired ? 'retired' : 'available';
    const previous = segments.at(-1);
    if (previous && previous.status === status && previous.free === free && previous.used === used && sameAllocations(previous.allocations, held)) {
      previous.end = end;
    } else {
      segments.push({ start, end, status, free, used, allocations: held });
    }
  }
  return segments;
}

const sameAllocations = (a: readonly Allocation[], b: readonly Allocation[]) => a.length === b.length && a.every((allocation, i) => allocation.id === b[i]!.id);

/** The capacity free during the whole window: the least free quantity over its segments. */
export const freeThroughout = (segments: readonly Segment[]): number => (segments.length === 0 ? 0 : Math.min(...segments.map((segment) => segment.free)));

/** Maximal intervals with something free, and how much (a stock's free quantity may change within). */
export function freeIntervals(segments: readonly Segment[]): (Interval & { quantity: number })[] {
  const free: (Interval & { quantity: number })[] = [];
  for (const segment of segments) {
    if (segment.free === 0) continue;
    const previous = free.at(-1);
    if (previous && previous.end === segment.start && previous.quantity === segment.free) previous.end = segment.end;
    else free.push({ start: segment.start, end: segment.end, quantity: segment.free });
  }
  return free;
}

/**
 * The one rule of a cancelled event: nothing new holds a resource for it (a shift planned, an
 * item booked). The transaction re-checks it as a condition on the event item (eventHoldUpdate,
 * consumptionUpdate), so an event cancelled after this read still refuses the write.
 */
export function assertEventTakesHolds(event: { status: string }, what: 'shift' | 'booking'): void {
  if (event.status !== 'CANCELLED') return;
  throw new DomainError(
    'conflict',
    'EVENT_CANCELLED',
    message(what === 'shift' ? 'EVENT_CANCELLED.shift' : 'EVENT_CANCELLED.booking'),
  );
}
