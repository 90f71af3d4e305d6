/**
 * An instant's wall clock and offset in an IANA time zone (see zoned.ts for the other direction).
 * Only @date-fns/tz's `tzOffset` (under 1 KB): the views and payloads that format instants import
 * this module, not zoned.ts, and so do not bundle the library's TZDate.
 */
import { tzOffset } from '@date-fns/tz/tzOffset';
import { addDays, pad, type LocalDate } from './local-date.ts';

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

/**
 * Memo tables of the zone arithmetic. Asking a zone's offset goes through Intl formatting, and one
 * shift assessment asks thousands of times about the same few days (issue: 4.5 ms of a shift
 * creation's CPU went there). The tables only ever hold facts of the zone database, so a warm
 * Lambda keeps them; past `MEMO_LIMIT` entries a table starts afresh, which bounds memory.
 */
const MEMO_LIMIT = 20_000;
export function remember<V>(table: Map<string, V>, key: string, value: V): V {
  if (table.size >= MEMO_LIMIT) table.clear();
  table.set(key, value);
  return value;
}

export const HOUR_MS = 3_600_000;
/**
 * Per zone, the offset over one whole UTC hour (by hour number), or null when it changes within
 * that hour. Keyed by number under the zone rather than by a `zone|hour` string: a shift
 * assessment reads it a few thousand times, and building the string was most of a read.
 */
const hourOffsets = new Map<string, Map<number, number | null>>();
let hourOffsetCount = 0;

/** The zone's offset (minutes) over the UTC hour number `hour`, or null when it changes within that hour. */
function hourOffset(hour: number, timeZone: string): number | null {
  let zone = hourOffsets.get(timeZone);
  if (zone === undefined) hourOffsets.set(timeZone, (zone = new Map()));
  let steady = zone.get(hour);
  if (steady === undefined) {
    const atStart = tzOffset(timeZone, new Date(hour * HOUR_MS));
    const atEnd = tzOffset(timeZone, new Date(hour * HOUR_MS + HOUR_MS - 1000));
    steady = atStart === atEnd ? atStart : null;
    // Bounded as the other tables: past MEMO_LIMIT hours in all, every zone starts afresh.
    if (hourOffsetCount >= MEMO_LIMIT) {
      hourOffsets.clear();
      hourOffsets.set(timeZone, (zone = new Map()));
      hourOffsetCount = 0;
    }
    zone.set(hour, steady);
    hourOffsetCount++;
  }
  return steady;
}

/** The zone's UTC offset (minutes) at `ms`: from the hour's memo when the offset holds for the whole hour. */
function offsetMinutesAt(ms: number, timeZone: string): number {
  return hourOffset(Math.floor(ms / HOUR_MS), timeZone) ?? tzOffset(timeZone, new Date(ms));
}

/**
 * The one offset (whole minutes) the zone keeps over every UTC hour that `[from, to]` touches, or
 * null when it changes (or has seconds) anywhere in them. Lets zoned.ts answer a wall-clock time
 * far from any change without the library's TZDate, which costs an Intl call or more per answer.
 */
export function steadyOffsetOver(from: number, to: number, timeZone: string): number | null {
  const first = Math.floor(from / HOUR_MS);
  const last = Math.floor(to / HOUR_MS);
  const offset = hourOffset(first, timeZone);
  if (offset === null || !Number.isInteger(offset)) return null;
  for (let hour = first + 1; hour <= last; hour++) if (hourOffset(hour, timeZone) !== offset) return null;
  return offset;
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

/** The Monday (local date) of the ISO week holding `instant` in `timeZone`. */
export function localWeekStart(instant: Date | number, timeZone: string): LocalDate {
  const parts = localParts(instant, timeZone);
  return addDays(parts.date, 1 - parts.isoWeekday);
}

/** RFC 3339 with the zone's offset at that instant, e.g. `2024-02-15T20:00:00+01:00`. */
export function formatWithOffset(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const p = localParts(ms, timeZone);
  // The seconds of the wall clock, computed as @date-fns/tz's TZDate does (it shifts by the offset
  // rounded to whole seconds: historical offsets such as Paris' +00:09:21 have seconds), from the
  // hour's memo as localParts: an Intl call per instant was 40 of GET /v1/shifts/{id}'s 170 us of
  // view in place (docs/bench.md).
  const wallSeconds = new Date(ms);
  wallSeconds.setUTCSeconds(wallSeconds.getUTCSeconds() - Math.round(-offsetMinutesAt(ms, timeZone) * 60));
  const second = wallSeconds.getUTCSeconds();
  const offsetMinutes = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, second) - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${p.date}T${pad(p.hour)}:${pad(p.minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
