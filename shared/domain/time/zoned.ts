/**
 * Wall-clock arithmetic in an IANA time zone. Every rule that speaks of "a day", "a night" or
 * "a week" (availability, labour limits, pay classes) is local; instants are UTC. The zone maths
 * (offsets, daylight-saving gaps and folds) is delegated to @date-fns/tz.
 *
 * Three modules, by what they bundle (at cold start every byte of a bundle costs, docs/bench.md):
 * local-date.ts (calendar dates and zone names, no library), local-time.ts (an instant's wall
 * clock and offset: @date-fns/tz's `tzOffset` only, under 1 KB) and this one (a wall-clock time's
 * instant, which needs the library's TZDate, ~5 KB). This module re-exports the other two.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, parseLocalDate, type LocalDate } from './local-date.ts';
import { HOUR_MS, localParts, remember, steadyOffsetOver } from './local-time.ts';

export { DEFAULT_TIME_ZONE, addDays, isValidTimeZone, parseLocalDate, type LocalDate } from './local-date.ts';
export { formatWithOffset, localParts, localWeekStart, type LocalParts } from './local-time.ts';

/**
 * The UTC instant (epoch ms) of a local wall-clock time. `minutes` may exceed 24 h to reach the
 * following days. A time that does not exist (the spring-forward gap) moves forward by the gap,
 * like the wall clock does; a time that exists twice (the autumn fold) resolves to its first
 * occurrence.
 */
export function localToInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const steady = steadyInstant(parts, minutes, timeZone);
  if (steady !== null) return steady;
  const dayOffset = Math.floor(minutes / 1440);
  const inDay = minutes - dayOffset * 1440;
  const zoned = new TZDate(parts.year, parts.month - 1, parts.day + dayOffset, Math.floor(inDay / 60), inDay % 60, timeZone);
  const instant = zoned.getTime();
  const wanted = localParts(instant, timeZone);
  // In a fold the library answers the later occurrence; the earlier one is 30 or 60 minutes before.
  for (const shiftMinutes of [60, 30]) {
    const earlier = localParts(instant - shiftMinutes * 60_000, timeZone);
    if (earlier.date === wanted.date && earlier.hour === wanted.hour && earlier.minute === wanted.minute) {
      return instant - shiftMinutes * 60_000;
    }
  }
  return instant;
}

/** How far from the instant and from the wall time a change must be for the shortcut to apply. */
const STEADY_MARGIN_MS = 3 * HOUR_MS;

/**
 * The instant of a wall-clock time when the zone keeps one whole-minute offset over the hours
 * around it (and around the same wall time read as UTC, where TZDate starts from): then the time
 * exists exactly once and is the wall time minus that offset, which TZDate and the fold check
 * below also answer. Otherwise null, and the library decides. Shift assessments convert a few
 * dozen wall-clock times each; TZDate took a tenth of a shift creation's own CPU (docs/bench.md).
 */
function steadyInstant(parts: { year: number; month: number; day: number }, minutes: number, timeZone: string): number | null {
  // A fraction of a minute is truncated by Date's constructor, which TZDate uses: leave it to it.
  if (!Number.isInteger(minutes)) return null;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day) + minutes * 60_000;
  const guess = steadyOffsetOver(wall, wall, timeZone);
  if (guess === null) return null;
  const instant = wall - guess * 60_000;
  const offset = steadyOffsetOver(Math.min(instant, wall) - STEADY_MARGIN_MS, Math.max(instant, wall) + STEADY_MARGIN_MS, timeZone);
  return offset === guess ? instant : null;
}

/**
 * Like `localToInstant`, except that a wall time inside a spring-forward gap resolves to the instant
 * the gap ends (the moment the clock jumps) instead of being pushed forward by the gap's length.
 * This keeps wall-clock order: a later wall time never gives an earlier instant, so a local range
 * that starts or ends inside the gap never turns inside out.
 */
export function localToInstantOrGapEnd(date: LocalDate, minutes: number, timeZone: string): number {
  const instant = localToInstant(date, minutes, timeZone);
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const wantedWallMs = Date.UTC(parts.year, parts.month - 1, parts.day) + minutes * 60_000;
  const offsetAfter = tzOffset(timeZone, new Date(instant));
  const skippedMs = instant + offsetAfter * 60_000 - wantedWallMs;
  if (skippedMs <= 0) return instant;
  // The wall time was pushed forward by the whole gap, so the jump lies in the `skippedMs` before
  // `instant`; transitions fall on whole minutes, so a binary search over minutes finds it exactly.
  let beforeJump = instant - skippedMs;
  let afterJump = instant;
  while (afterJump - beforeJump > 60_000) {
    const middle = beforeJump + Math.floor((afterJump - beforeJump) / 120_000) * 60_000;
    if (tzOffset(timeZone, new Date(middle)) === offsetAfter) afterJump = middle;
    else beforeJump = middle;
  }
  return afterJump;
}

const localMidnights = new Map<string, number>();

/** UTC instant of local midnight starting `date` (memoised per zone and date). */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  return localMidnights.get(key) ?? remember(localMidnights, key, localToInstant(date, 0, timeZone));
}

/** Length of a local calendar day in minutes: 1440, or 1380 / 1500 on daylight-saving days. */
export function localDayLengthMinutes(date: LocalDate, timeZone: string): number {
  return (startOfLocalDay(addDays(date, 1), timeZone) - startOfLocalDay(date, timeZone)) / 60_000;
}

/**
 * `[start, end)` cut at local midnights: one piece per local calendar date it touches, so day
 * totals and day classes follow the wall clock (a 23 h or 25 h day keeps its real length).
 */
export function splitAtLocalMidnights(start: number, end: number, timeZone: string): Array<{ date: LocalDate; start: number; end: number }> {
  const pieces: Array<{ date: LocalDate; start: number; end: number }> = [];
  let cursor = start;
  while (cursor < end) {
    const date = localParts(cursor, timeZone).date;
    const pieceEnd = Math.min(startOfLocalDay(addDays(date, 1), timeZone), end);
    pieces.push({ date, start: cursor, end: pieceEnd });
    cursor = pieceEnd;
  }
  return pieces;
}
