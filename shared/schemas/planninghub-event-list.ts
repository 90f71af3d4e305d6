/**
 * GET /v1/events' query, apart from planninghub-events.ts so that ListProductionEvents builds none
 * of the bodies' schemas (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { acceptedLocalDate, storableNumberFromText } from './primitives.ts';
import { productionStatuses } from '../domain/production.ts';

const localDate = acceptedLocalDate().check(
  z.describe('Local date `YYYY-MM-DD` in the event time zone'),
);

export const listProductionEventsQuery = z
  .strictObject({
    status: z.optional(z.enum(productionStatuses)),
    from: z.optional(localDate).check(z.describe('Events still running on or after this local date')),
    to: z.optional(localDate).check(z.describe('Events starting on or before this local date')),
    q: z.optional(z.string().check(z.trim(), z.maxLength(100))).check(z.describe('Words of the name; case and accents ignored')),
    limit: z._default(storableNumberFromText().check(z.int(), z.gte(1), z.lte(100)), 20),
    cursor: z
      .optional(z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+$/, fieldMessage('VALIDATION_ERROR.cursor'))))
      .check(z.describe('next_cursor of the previous page, as is')),
  })
  .check(
    z.refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
      ...fieldMessage('VALIDATION_ERROR.to_before_from'),
      path: ['to'],
    }),
  );
export type ListProductionEventsQuery = z.infer<typeof listProductionEventsQuery>;
