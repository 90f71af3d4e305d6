/**
 * A technician's declared availability (PATCH /v1/users/me/availability): per local date, wall-clock
 * ranges `HH:MM-HH:MM` in the organisation's IANA time zone. This module validates and normalises
 * them, turns them into UTC instants, and answers the two questions other code asks: which existing
 * shifts overlap a declared day, and whether an interval lies inside the declared availability.
 *
 * Decisions, so that callers do not have to guess:
 * - A range belongs to the date it is declared under. `14:00-03:00` (end before start) runs from
 *   14:00 on that date to 03:00 the next; it is never moved to, or merged with, the next date's list.
 * - `24:00` is accepted as an end only, meaning the end of the day; `10:00-00:00` means the same
 *   thing, and both are written back as `10:00-24:00`, so that `00:00-24:00` (the whole day) is
 *   expressible while `00:00-00:00` stays an empty range. `24:00` as a start is malformed.
 * - Start equal to end is an error (an empty range), never a 24-hour range.
 * - Overlapping or touching ranges of one date are merged, and the date's list is sorted by start.
 *   A merge that would span 24 hours or more past midnight cannot be written as one `HH:MM-HH:MM`,
 *   so those ranges are kept apart (they still overlap; every computation here uses their union).
 * - Daylight saving: a wall time inside the spring-forward gap is the instant the gap ends (the
 *   clock jumps), so on 2024-03-31 in Paris `02:30-04:00` lasts one hour and `02:15-02:45` none; a
 *   wall time in the autumn fold is its first occurrence, so `02:30-03:30` on 2024-10-27 lasts two.
 * - `null` and `[]` both clear a date: the response shows `[]`, the store keeps no entry.
 * - Errors are all collected (every bad date and every bad range), never only the first.
 */
import { addDays, isValidTimeZone, localParts, localToInstantOrGapEnd, parseLocalDate } from './time/zoned.ts';
import type { LocalDate } from './time/zoned.ts';
import { DomainError } from './errors.ts';
import { message, type Language } from '../messages/catalogue.ts';

/** `HH:MM-HH:MM`, local wall-clock time. */
export type TimeRange = string;

/** The request body: ranges to set per date, or `null` to clear the date. Not yet validated. */
export type AvailabilityPatch = Readonly<Record<string, readonly string[] | null>>;

/** Validated availability: dates in ascending order, each with its merged, sorted ranges. */
export type Availability = Record<LocalDate, TimeRange[]>;

export const INVALID_TIME_RANGE = 'INVALID_TIME_RANGE';

export type AvailabilityErrorReason = 'malformed_range' | 'empty_range' | 'invalid_date' | 'not_a_list';

export interface AvailabilityError {
  code: typeof INVALID_TIME_RANGE;
  date: string;
  /** The offending range as sent; `null` when the fault is the date or the value as a whole. */
  range: string | null;
  reason: AvailabilityErrorReason;
  /** French, the surface's default language. */
  message: string;
  localised: { fr: string; en: string };
}

export type AvailabilityResult = { ok: true; availability: Availability } | { ok: false; errors: AvailabilityError[] };

/** Half-open `[startMs, endMs)` in epoch milliseconds. */
export interface UtcInterval {
  startMs: number;
  endMs: number;
}

export interface ShiftInterval extends UtcInterval {
  id: string;
}

export interface AvailabilityWarning {
  date: LocalDate;
  message: string;
  severity: 'medium';
}

/** Minutes from the local midnight starting the range's date; `end` may pass 1440 (next day). */
interface MinuteRange {
  start: number;
  end: number;
}

const MINUTES_PER_DAY = 1440;
const TIME_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):00)$/;

function parseTimeRange(range: string): MinuteRange | 'malformed_range' | 'empty_range' {
  const match = TIME_RANGE.exec(range);
  if (!match) return 'malformed_range';
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = match[5] === '24' ? MINUTES_PER_DAY : Number(match[3]) * 60 + Number(match[4]);
  if (end === start) return 'empty_range';
  return { start, end: end < start ? end + MINUTES_PER_DAY : end };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function formatTimeRange({ start, end }: MinuteRange): TimeRange {
  return `${clock(start)}-${end === MINUTES_PER_DAY ? '24:00' : clock(end % MINUTES_PER_DAY)}`;
}

/** Whether `[start, end)` can be written as one `HH:MM-HH:MM` that reads back the same. */
const isWritable = (start: number, end: number) => end <= MINUTES_PER_DAY || end - start < MINUTES_PER_DAY;

function mergeMinuteRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    if (merged.some((kept) => kept.start <= range.start && range.end <= kept.end)) continue;
    const last = merged.at(-1);
    if (last && range.start <= last.end && isWritable(last.start, Math.max(last.end, range.end))) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

function mergeUtcIntervals(intervals: readonly UtcInterval[]): UtcInterval[] {
  const sorted = intervals.filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const merged: UtcInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}

function sortedByDate<T>(byDate: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(byDate).sort().map((date) => [date, byDate[date] as T]));
}

function availabilityError(date: string, range: string | null, reason: AvailabilityErrorReason): AvailabilityError {
  const localised = message(`INVALID_TIME_RANGE.${reason}`, { date, range });
  return { code: INVALID_TIME_RANGE, date, range, reason, message: localised.fr, localised };
}

/**
 * Validates a PATCH body and normalises it: every date present in the input comes back, cleared
 * dates as `[]`, the others merged and sorted. The time zone is not needed: validity is wall-clock.
 */
export function normalizeAvailability(input: AvailabilityPatch): AvailabilityResult {
  const errors: AvailabilityError[] = [];
  const availability: Availability = {};
  for (const [date, value] of Object.entries(input) as [string, unknown][]) {
    if (!parseLocalDate(date)) errors.push(availabilityError(date, null, 'invalid_date'));
    if (value === null) {
      availability[date] = [];
      continue;
    }
    if (!Array.isArray(value)) {
      errors.push(availabilityError(date, null, 'not_a_list'));
      continue;
    }
    const ranges: MinuteRange[] = [];
    for (const raw of value as unknown[]) {
      // The type says string, but the body comes off the wire; a number must be an error, not a crash.
      const parsed = typeof raw === 'string' ? parseTimeRange(raw) : 'malformed_range';
      if (typeof parsed === 'string') errors.push(availabilityError(date, typeof raw === 'string' ? raw : String(JSON.stringify(raw)), parsed));
      else ranges.push(parsed);
    }
    availability[date] = mergeMinuteRanges(ranges).map(formatTimeRange);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, availability: sortedByDate(availability) };
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
}

function dayIntervals(date: LocalDate, ranges: readonly TimeRange[], timeZone: string): UtcInterval[] {
  if (!parseLocalDate(date)) throw new RangeError(`Invalid local date in availability: ${date}`);
  return mergeUtcIntervals(
    ranges.map((range) => {
      const parsed = parseTimeRange(range);
      if (typeof parsed === 'string') throw new RangeError(`Unnormalised time range for ${date}: ${range}`);
      return {
        startMs: localToInstantOrGapEnd(date, parsed.start, timeZone),
        endMs: localToInstantOrGapEnd(date, parsed.end, timeZone),
      };
    }),
  );
}

/**
 * Each date's ranges as UTC intervals: sorted, merged, without the empty ones (a range lying wholly
 * in a daylight-saving gap). A range crossing midnight stays under the date it was declared on.
 * Throws a RangeError on input that did not come out of `normalizeAvailability` (a programming error).
 */
export function availabilityToUtc(availability: Availability, timeZone: string): Record<LocalDate, UtcInterval[]> {
  assertTimeZone(timeZone);
  const byDate: Record<LocalDate, UtcInterval[]> = {};
  for (const date of Object.keys(availability).sort()) byDate[date] = dayIntervals(date, availability[date] ?? [], timeZone);
  return byDate;
}

/** Real minutes available per declared date (a range crossing midnight counts for its own date). */
export function availableMinutesByDay(availability: Availability, timeZone: string): Record<LocalDate, number> {
  const byDate: Record<LocalDate, number> = {};
  for (const [date, intervals] of Object.entries(availabilityToUtc(availability, timeZone))) {
    byDate[date] = intervals.reduce((total, i) => total + (i.endMs - i.startMs), 0) / 60_000;
  }
  return byDate;
}

/** The smallest UTC interval holding every declared range, to bound a query for shifts; null if none. */
export function availabilityWindow(availability: Availability, timeZone: string): UtcInterval | null {
  const intervals = Object.values(availabilityToUtc(availability, timeZone)).flat();
  if (intervals.length === 0) return null;
  return { startMs: Math.min(...intervals.map((i) => i.startMs)), endMs: Math.max(...intervals.map((i) => i.endMs)) };
}

/** The spec's sentence (French, as the spec answers it), written with its accents. */
export const shiftOverlapMessage = (shiftId: string) => message('SHIFT_OVERLAP.availability', { shiftId }).fr;

/**
 * One warning per (date, shift) whose intervals overlap (half-open: touching is not overlapping),
 * however many of the date's ranges the shift meets; ordered by date, then shift start, then id.
 * A shift overlapping two declared dates gives two warnings. Cleared dates give none.
 */
export function shiftOverlapWarnings(availability: Availability, shifts: readonly ShiftInterval[], timeZone: string): AvailabilityWarning[] {
  const ordered = [...shifts].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const warnings: AvailabilityWarning[] = [];
  for (const [date, intervals] of Object.entries(availabilityToUtc(availability, timeZone))) {
    for (const shift of ordered) {
      if (intervals.some((i) => i.startMs < shift.endMs && shift.startMs < i.endMs)) {
        warnings.push({ date, message: shiftOverlapMessage(shift.id), severity: 'medium' });
      }
    }
  }
  return warnings;
}

/**
 * Whether `[startMs, endMs)` is wholly covered by the union of the declared ranges, across dates: a
 * range of the previous date crossing midnight counts, and ranges of consecutive dates that touch
 * cover continuously. An empty or inverted interval is not within anything.
 */
export function isWithinAvailability(availability: Availability, startMs: number, endMs: number, timeZone: string): boolean {
  assertTimeZone(timeZone);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) return false;
  // A range ends less than two local days after its date's midnight, so only the date before the
  // start's can reach into the interval; ISO dates compare as strings.
  const firstDate = addDays(localParts(startMs, timeZone).date, -1);
  const lastDate = localParts(endMs, timeZone).date;
  const intervals = mergeUtcIntervals(
    Object.keys(availability)
      .filter((date) => date >= firstDate && date <= lastDate)
      .flatMap((date) => dayIntervals(date, availability[date] ?? [], timeZone)),
  );
  const covering = intervals.find((i) => i.startMs <= startMs && endMs <= i.endMs);
  return covering !== undefined;
}

/**
 * The stored availability after a PATCH: dates named in the patch are replaced by the patch's
 * ranges (a cleared date is removed), the others stay as they were. `patch` is the `availability`
 * of a successful `normalizeAvailability`; the PATCH response shows that value, cleared dates as `[]`.
 */
export function applyAvailabilityPatch(stored: Availability, patch: Availability): Availability {
  const next: Availability = {};
  for (const [date, ranges] of Object.entries(stored)) if (ranges.length > 0) next[date] = [...ranges];
  for (const [date, ranges] of Object.entries(patch)) {
    if (ranges.length > 0) next[date] = [...ranges];
    else delete next[date];
  }
  return sortedByDate(next);
}

/** The spec's 400: every bad date and range, each named in the message and in `details` (in the caller's language). */
export function invalidTimeRange(errors: readonly AvailabilityError[], lang: Language): DomainError {
  return DomainError.of('invalid', 'INVALID_TIME_RANGE.all', {
    params: { errors },
    details: errors.map((error) => ({ date: error.date, range: error.range, message: error.localised[lang] })),
  });
}
