/**
 * EventLite response schemas: for the OpenAPI document only. Kept apart from the request schemas
 * so that handlers do not build them at cold start.
 */
import * as z from 'zod';
import { eventModes, eventStatuses } from './eventlite.ts';
import { API_KEY_SCOPES } from '../domain/api-key.ts';
import { ID_PATTERN } from '../domain/bounds.ts';

export const eventSchema = z
  .object({
    // Not a UUID format: events created through PlanningHub have ids like `event_456`.
    id: z.string().regex(ID_PATTERN).describe('A UUID for events created here; PlanningHub\'s productions have ids like `event_456`'),
    slug: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    description: z.string().nullable(),
    coverImage: z.string().nullable(),
    mode: z.enum(eventModes),
    location: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    startAt: z.string(),
    endAt: z.string(),
    timezone: z.string(),
    capacity: z.number().int().nullable(),
    waitlist: z.boolean(),
    status: z.enum(eventStatuses),
    organizerId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Event' });

export const eventListItemSchema = eventSchema.extend({ registrations_count: z.number().int() }).meta({ id: 'EventListItem' });

export const eventDetailSchema = eventSchema
  .extend({
    organizer: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    confirmed_count: z.number().int(),
    waitlist_count: z.number().int(),
    total_registrations: z.number().int(),
  })
  .meta({ id: 'EventDetail' });

export const paginationSchema = z
  .object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), has_more: z.boolean() })
  .meta({ id: 'Pagination' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    prefix: z.string().describe('The first characters of the key, to recognise it'),
    organizationId: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)).describe('What the key may do (read = GET, write = other methods)'),
    expiresAt: z.string().nullable().describe('When the key stops working; null = no expiry'),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().describe('The secret; shown once, store it now') })
  .meta({ id: 'CreatedApiKey' });

export const errorSchema = z
  .object({
    error: z.string(),
    details: z
      .union([z.array(z.object({ field: z.string(), message: z.string() })), z.record(z.string(), z.unknown())])
      .optional()
      .describe('A 400: the fields refused; a 409: what the conflict is about (e.g. registrationId, the holds of an event)'),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });

export const messageSchema = z.object({ message: z.string() }).meta({ id: 'Message' });

export const dataOf = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
