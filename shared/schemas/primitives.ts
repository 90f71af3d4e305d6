/**
 * The request schemas' building blocks for ids, numbers and dates, declared once so that every
 * schema has the same bounds (shared/domain/bounds.ts): what passes them can become a key, an item
 * attribute or a date without a 5xx.
 */
import * as z from 'zod/mini';
import { ID_PATTERN, isAcceptedYear, isStorableNumber } from '../domain/bounds.ts';
import { fieldMessage } from './field-messages.ts';

/** An id named by the client (path parameters above all). */
export const boundedId = () =>
  z.string().check(z.regex(ID_PATTERN, fieldMessage('VALIDATION_ERROR.bounded_id')));

const storable = z.refine<number>(isStorableNumber, fieldMessage('VALIDATION_ERROR.not_storable'));

/** A JSON number that DynamoDB can store; chain `.check(...)` for the field's own bounds. */
export const storableNumber = () => z.number().check(storable);

/** A query-string number (coerced from its text), storable. */
export const storableNumberFromText = () => z.coerce.number().check(storable);

/** The year of a date or instant text, read from its first digits (before any offset moves it). */
const yearOf = (text: string): number | null => {
  const match = /^(\d{4})-/.exec(text);
  return match ? Number(match[1]) : null;
};

/**
 * `YYYY-MM-DD`, a real day of an accepted year. The year is read from the text, not through
 * parseLocalDate: Date.UTC maps the years 0-99 onto 1900-1999, so it calls them malformed and the
 * format check, which accepts them, would let them through.
 */
export const acceptedLocalDate = () =>
  z.iso.date().check(
    z.refine<string>((date) => {
      const year = yearOf(date);
      // A malformed date is already reported by the format check; one issue per field is enough.
      return year === null || isAcceptedYear(year);
    }, fieldMessage('VALIDATION_ERROR.year_out_of_range')),
  );

/** A refinement for instant texts: their year is accepted (a malformed one is left to the format check). */
export const acceptedInstantYear = () =>
  z.refine<string>((text) => {
    const year = yearOf(text);
    return year === null || isAcceptedYear(year);
  }, fieldMessage('VALIDATION_ERROR.year_out_of_range'));
