/**
 * PATCH /v1/users/me/availability's body, apart from the team calendar's query (availability.ts)
 * so that UpdateAvailability builds only this record (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { fieldMessage, fieldTemplate } from './field-messages.ts';

export const MAX_AVAILABILITY_DATES = 100;
export const MAX_RANGES_PER_DATE = 48;

/**
 * The availability PATCH body as the handler parses it: an object of dates, each value left to the
 * availability engine, which reports every bad date and range at once as INVALID_TIME_RANGE. Only
 * the sizes are checked here (a 400 VALIDATION_ERROR). The document shows the precise shape
 * (technicians-docs.ts).
 */
export const availabilityPatchBody = z.record(z.string(), z.unknown()).check(
  z.superRefine((body, context) => {
    const dates = Object.keys(body);
    if (dates.length === 0) context.addIssue({ code: 'custom', ...fieldMessage('VALIDATION_ERROR.no_date') });
    if (dates.length > MAX_AVAILABILITY_DATES) context.addIssue({ code: 'custom', ...fieldTemplate('VALIDATION_ERROR.too_many_dates', { max: MAX_AVAILABILITY_DATES }) });
    for (const date of dates) {
      const value = body[date];
      if (Array.isArray(value) && value.length > MAX_RANGES_PER_DATE) {
        context.addIssue({ code: 'custom', path: [date], ...fieldTemplate('VALIDATION_ERROR.too_many_ranges', { max: MAX_RANGES_PER_DATE }) });
      }
    }
  }),
);
