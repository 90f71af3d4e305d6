/**
 * Calendar dates and zone names, without zone arithmetic. Kept apart from zoned.ts so that the
 * modules that only name a zone (an organisation's default, a schema checking a zone name, the
 * identity store) do not bundle @date-fns/tz: at cold start every byte of a bundle costs,
 * whether it runs or not (docs/bench.md).
 */

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** A calendar date as `YYYY-MM-DD`. */
export type LocalDate = string;

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

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `date` shifted by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const shifted = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}
