/** EventLite's list query (GET /api/v1/events), apart from the event bodies (eventlite.ts): see there. */
import * as z from 'zod/mini';
import { storableNumberFromText } from './primitives.ts';

export const eventStatuses = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const;

export const listEventsQuery = z.strictObject({
  status: z.optional(z.enum(eventStatuses)),
  limit: z._default(storableNumberFromText().check(z.int(), z.gte(1), z.lte(100)), 50),
  offset: z._default(storableNumberFromText().check(z.int(), z.gte(0), z.lte(10_000)), 0),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;
