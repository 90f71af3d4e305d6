/**
 * Calendar dates and zone names, without zone arithmetic. Kept apart from zoned.ts so that the
 * modules that only name a zone (an organisation's default, a schema checking a zone name, the
 * identity store) do not bundle @date-fns/tz: at cold start every byte of a bundle costs,
 * whether it runs or not (docs/bench.md).
 */

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** A calendar date as `YYYY-MM-DD`. */
export type LocalDate = string;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The year, month and day of a `YYYY-MM-DD` calendar date, or null when it is not one (a 31st of
 * June, a 29th of February outside leap years, years before 100, which Date would read as 19xx).
 * Read digit by digit: the labour rules and day arithmetic parse dates a few thousand times per
 * shift assessment, and a regular expression plus a Date round trip was a few percent of it.
 */
export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } | null {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return null;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const DASH = 45;
const ZERO = 48;

/** The number written by the ASCII digits of `text` in `[from, to)`, or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `date` shifted by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const shifted = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}
