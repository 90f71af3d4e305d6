/**
 * EventLite request schemas (docs/api-eventlite.md). They validate requests in the handlers and describe the
 * request side of the OpenAPI document, so the contract is written once. Written in `zod/mini`
 * for the cold start (docs/schemas.md); the response schemas, for the document only, are in
 * eventlite-docs.ts. The path parameters (eventlite-params.ts) and the API key body (api-keys.ts)
 * are modules of their own so that the functions that take no event body do not build these
 * schemas at cold start (docs/bench.md).
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { acceptedInstantYear, storableNumber } from './primitives.ts';
import { isValidTimeZone } from '../domain/time/local-date.ts';

import { eventStatuses } from './eventlite-queries.ts';

export const eventModes = ['IN_PERSON', 'ONLINE'] as const;
export { eventStatuses };

const isoInstant = z.iso.datetime({ offset: true }).check(acceptedInstantYear(), z.describe('ISO 8601 instant; UTC (`Z`) recommended'));
const httpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));
const timeZone = z.string().check(z.maxLength(64), z.refine(isValidTimeZone, fieldMessage('VALIDATION_ERROR.time_zone')));

const eventFields = {
  title: z.string().check(z.trim(), z.minLength(3), z.maxLength(100)),
  subtitle: z.nullable(z.string().check(z.maxLength(200))),
  description: z.nullable(z.string().check(z.maxLength(5000))),
  coverImage: z.nullable(httpUrl),
  mode: z.enum(eventModes),
  location: z.nullable(z.string().check(z.maxLength(500))),
  latitude: z.nullable(storableNumber().check(z.gte(-90), z.lte(90))),
  longitude: z.nullable(storableNumber().check(z.gte(-180), z.lte(180))),
  startAt: isoInstant,
  endAt: z.nullable(isoInstant),
  timezone: timeZone,
  capacity: z.nullable(storableNumber().check(z.int(), z.gte(1), z.lte(1_000_000))).check(z.describe('null = unlimited')),
  waitlist: z.boolean(),
};

export const createEventBody = z
  .strictObject({
    ...eventFields,
    subtitle: z.optional(eventFields.subtitle),
    description: z.optional(eventFields.description),
    coverImage: z.optional(eventFields.coverImage),
    location: z.optional(eventFields.location),
    latitude: z.optional(eventFields.latitude),
    longitude: z.optional(eventFields.longitude),
    endAt: z.optional(eventFields.endAt).check(z.describe('Defaults to startAt + 2 h')),
    timezone: z.optional(eventFields.timezone).check(z.describe('Defaults to Europe/Paris')),
    capacity: z.optional(eventFields.capacity),
    waitlist: z.optional(eventFields.waitlist).check(z.describe('Defaults to true')),
    status: z.optional(z.enum(['DRAFT', 'PUBLISHED'])).check(z.describe('Defaults to DRAFT')),
  })
  .register(z.globalRegistry, { id: 'CreateEventInput' });
export type CreateEventBody = z.infer<typeof createEventBody>;

export const updateEventBody = z
  .strictObject({
    title: z.optional(eventFields.title),
    subtitle: z.optional(eventFields.subtitle),
    description: z.optional(eventFields.description),
    coverImage: z.optional(eventFields.coverImage),
    mode: z.optional(eventFields.mode),
    location: z.optional(eventFields.location),
    latitude: z.optional(eventFields.latitude),
    longitude: z.optional(eventFields.longitude),
    startAt: z.optional(eventFields.startAt),
    endAt: z.optional(isoInstant),
    timezone: z.optional(eventFields.timezone),
    capacity: z.optional(eventFields.capacity),
    waitlist: z.optional(eventFields.waitlist),
    status: z.optional(z.enum(eventStatuses)),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, fieldMessage('VALIDATION_ERROR.empty_body')))
  .register(z.globalRegistry, { id: 'UpdateEventInput' });
export type UpdateEventBody = z.infer<typeof updateEventBody>;

// GET /api/v1/events's query: in eventlite-queries.ts, so that the list function does not bundle nor
// build the bodies' schemas (docs/bench.md).
export { listEventsQuery, type ListEventsQuery } from './eventlite-queries.ts';

