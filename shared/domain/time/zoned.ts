/**
 * Wall-clock arithmetic in an IANA time zone. Every rule that speaks of "a day", "a night" or
 * "a week" (availability, labour limits, pay classes) is local; instants are UTC. The zone maths
 * (offsets, daylight-saving gaps and folds) is delegated to @date-fns/tz.
 */
import { TZDate, tzOffset } from '@date-fns/tz';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** A calendar date as `YYYY-MM-DD`. */
export type LocalDate = string;

export interface LocalParts {
  date: LocalDate;
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  isoWeekday: number;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Memo tables of the zone arithmetic. Asking a zone's offset goes through Intl formatting, and one
 * shift assessment asks thousands of times about the same few days (issue: 4.5 ms of a shift
 * creation's CPU went there). The tables only ever hold facts of the zone database, so a warm
 * Lambda keeps them; past `MEMO_LIMIT` entries a table starts afresh, which bounds memory.
 */
const MEMO_LIMIT = 20_000;
function remember<V>(table: Map<string, V>, key: string, value: V): V {
  if (table.size >= MEMO_LIMIT) table.clear();
  table.set(key, value);
  return value;
}

const HOUR_MS = 3_600_000;
/** The offset of a zone over one whole UTC hour, or null when it changes within that hour. */
const hourOffsets = new Map<string, number | null>();

/** The zone's UTC offset (minutes) at `ms`: from the hour's memo when the offset holds for the whole hour. */
function offsetMinutesAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let steady = hourOffsets.get(key);
  if (steady === undefined) {
    const atStart = tzOffset(timeZone, new Date(hour * HOUR_MS));
    const atEnd = tzOffset(timeZone, new Date(hour * HOUR_MS + HOUR_MS - 1000));
    steady = remember(hourOffsets, key, atStart === atEnd ? atStart : null);
  }
  return steady ?? tzOffset(timeZone, new Date(ms));
}

/** The local wall-clock parts of an instant in `timeZone`. */
export function localParts(instant: Date | number, timeZone: string): LocalParts {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // The wall clock is the instant moved by the zone's offset, read in UTC.
  const wall = new Date(ms + offsetMinutesAt(ms, timeZone) * 60_000);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const weekday = wall.getUTCDay();
  return {
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    year,
    month,
    day,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    isoWeekday: weekday === 0 ? 7 : weekday,
  };
}

/**
 * The UTC instant (epoch ms) of a local wall-clock time. `minutes` may exceed 24 h to reach the
 * following days. A time that does not exist (the spring-forward gap) moves forward by the gap,
 * like the wall clock does; a time that exists twice (the autumn fold) resolves to its first
 * occurrence.
 */
export function localToInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
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

/** `date` shifted by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const shifted = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The Monday (local date) of the ISO week holding `instant` in `timeZone`. */
export function localWeekStart(instant: Date | number, timeZone: string): LocalDate {
  const parts = localParts(instant, timeZone);
  return addDays(parts.date, 1 - parts.isoWeekday);
}

/** Length of a local calendar day in minutes: 1440, or 1380 / 1500 on daylight-saving days. */
export function localDayLengthMinutes(date: LocalDate, timeZone: string): number {
  return (startOfLocalDay(addDays(date, 1), timeZone) - startOfLocalDay(date, timeZone)) / 60_000;
}

/** RFC 3339 with the zone's offset at that instant, e.g. `2024-02-15T20:00:00+01:00`. */
export function formatWithOffset(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const p = localParts(ms, timeZone);
  const second = new TZDate(ms, timeZone).getSeconds();
  const offsetMinutes = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, second) - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${p.date}T${pad(p.hour)}:${pad(p.minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
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
