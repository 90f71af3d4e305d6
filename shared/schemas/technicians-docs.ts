/** PlanningHub technicians and availability responses: for the OpenAPI document only (not built by handlers). */
import * as z from 'zod';
import { employmentContractSchema, specializationSchema } from './planninghub-identity-docs.ts';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Local date `YYYY-MM-DD` in the organisation time zone');
const timeRange = z
  .string()
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
  .describe('`HH:MM-HH:MM` local wall-clock time; an end before the start crosses midnight (`14:00-03:00`); `24:00` only as an end');
const availabilityMap = z.record(localDate, z.array(timeRange)).describe('Ranges per local date, merged and sorted');

export const availabilityPatchInput = z
  .record(localDate, z.array(timeRange).max(48).nullable())
  .describe('Per local date (1 to 100 dates): the ranges replacing that date\'s, or null (or []) to clear it. Dates not sent are kept.')
  .meta({ id: 'AvailabilityPatchInput' });

export const availabilityWarningSchema = z
  .object({
    date: localDate,
    message: z.string().describe('Ce créneau chevauche un shift existant (<shift_id>). Le conflit sera résolu par le régisseur.'),
    severity: z.literal('medium'),
  })
  .meta({ id: 'AvailabilityWarning' });

export const availabilityPatchResponse = z
  .object({
    status: z.literal('success'),
    availability: z.record(localDate, z.array(timeRange)).describe('Only the dates sent, normalised; cleared dates as []'),
    warnings: z.array(availabilityWarningSchema).describe("One per date and shift of the technician's that overlaps the date's ranges"),
  })
  .meta({ id: 'AvailabilityPatchResult' });

export const invalidTimeRangeError = z
  .object({
    error: z.object({
      code: z.literal('INVALID_TIME_RANGE'),
      message: z.string().describe('Names every bad date and range'),
      details: z.array(z.object({ date: z.string(), range: z.string().nullable().describe('null when the date or the whole value is at fault'), message: z.string() })),
    }),
  })
  .meta({ id: 'InvalidTimeRangeError' });

const technicianFields = {
  user_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.string()).describe("The member's roles in the organisation"),
  specializations: z.array(specializationSchema),
  employment_contract: employmentContractSchema.nullable(),
  updated_at: z.string().describe('RFC 3339, UTC'),
};

export const technicianListItemSchema = z.object(technicianFields).meta({ id: 'TechnicianSummary' });
export const technicianSchema = z.object({ ...technicianFields, availability: availabilityMap }).meta({ id: 'Technician' });
export const technicianListResponse = z
  .object({ count: z.number().int(), results: z.array(technicianListItemSchema) })
  .meta({ id: 'TechnicianList' });

const interval = z
  .object({ date: localDate.describe('The date the range is declared under'), start_time: z.string(), end_time: z.string() })
  .describe('A declared range as UTC instants (RFC 3339): what the range means on that day, daylight saving included');

export const teamAvailabilityResponse = z
  .object({
    from: localDate,
    to: localDate,
    timezone: z.string().describe("The organisation's IANA time zone, in which dates and ranges are read"),
    count: z.number().int(),
    results: z.array(
      z.object({
        user_id: z.string(),
        first_name: z.string(),
        last_name: z.string(),
        availability: availabilityMap.describe('Declared dates from `from` to `to`; dates without ranges are left out'),
        intervals: z.array(interval),
      }),
    ),
  })
  .meta({ id: 'TeamAvailability' });
