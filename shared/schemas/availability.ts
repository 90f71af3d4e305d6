/**
 * PlanningHub availability (docs/api-planninghub.md, "Availability"): the PATCH body of a member's own
 * dates and the team calendar's query. Apart from the technician profiles' schemas (technicians.ts)
 * so that these two functions bundle and build only what they parse (docs/bench.md, "Cold start").
 */
import * as z from 'zod/mini';
import { acceptedLocalDate, boundedId } from './primitives.ts';
import { fieldMessage, fieldTemplate } from './field-messages.ts';

const identifier = boundedId();
const localDate = acceptedLocalDate();

// The PATCH body: in availability-patch.ts, so that UpdateAvailability builds no date, list or
// object schema (docs/bench.md).
export { availabilityPatchBody, MAX_AVAILABILITY_DATES, MAX_RANGES_PER_DATE } from './availability-patch.ts';

export const MAX_TEAM_RANGE_DAYS = 92;
const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

export const teamAvailabilityQuery = z
  .strictObject({
    from: localDate.check(z.describe('First local date, inclusive')),
    to: localDate.check(z.describe(`Last local date, inclusive; the range spans at most ${MAX_TEAM_RANGE_DAYS} days`)),
    user_ids: z
      .optional(
        z.pipe(
          z.pipe(
            z.string().check(z.maxLength(10_000)),
            z.transform((list: string) => [...new Set(list.split(',').map((id) => id.trim()).filter(Boolean))]),
          ),
          z.array(identifier).check(z.minLength(1), z.maxLength(100)),
        ),
      )
      .check(z.describe('Comma-separated member ids (at most 100); default: every technician')),
  })
  .check(
    z.refine((query) => query.to >= query.from, { ...fieldMessage('VALIDATION_ERROR.to_before_from'), path: ['to'] }),
    z.refine((query) => query.to < query.from || daysBetween(query.from, query.to) < MAX_TEAM_RANGE_DAYS, {
      ...fieldTemplate('VALIDATION_ERROR.team_range_too_long', { max: MAX_TEAM_RANGE_DAYS }),
      path: ['to'],
    }),
  );
export type TeamAvailabilityQuery = z.infer<typeof teamAvailabilityQuery>;
