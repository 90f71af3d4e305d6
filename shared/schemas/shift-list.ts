/**
 * GET /v1/shifts query (docs/api-planninghub.md, "Shifts"), apart from shifts.ts so that the list
 * function does not build the shift body schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { acceptedLocalDate, boundedId, storableNumberFromText } from './primitives.ts';
import { shiftStatuses } from '../domain/shift.ts';

const shortText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const localDate = acceptedLocalDate();

export const listShiftsQuery = z
  .strictObject({
    event_id: z.optional(boundedId().check(z.describe('An event of the organisation, e.g. event_456'))),
    technician_id: z.optional(boundedId().check(z.describe('Shifts naming this technician'))),
    mine: z.optional(z.enum(['true', 'false'])).check(z.describe("`true`: the caller's own shifts")),
    role: z.optional(shortText(100)).check(z.describe('Shifts with a resource in this role')),
    status: z.optional(z.enum(shiftStatuses)).check(z.describe('Default: confirmed and pending (cancelled ones only when asked for)')),
    from: z.optional(localDate).check(z.describe("Shifts starting on or after this local date (organisation's time zone)")),
    to: z.optional(localDate).check(z.describe('Shifts starting on or before this local date')),
    limit: z._default(storableNumberFromText().check(z.int(), z.gte(1), z.lte(100)), 20),
    cursor: z
      .optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/, fieldMessage('VALIDATION_ERROR.cursor'))))
      .check(z.describe('next_cursor of the previous page, as is')),
  })
  .check(
    z.refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { ...fieldMessage('VALIDATION_ERROR.to_before_from'), path: ['to'] }),
  );
export type ListShiftsQuery = z.infer<typeof listShiftsQuery>;
