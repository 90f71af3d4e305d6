/**
 * EventLite request and response schemas (seed 004). They validate requests in the handlers and
 * generate the OpenAPI document, so the contract is written once.
 */
import * as z from 'zod';
import { isValidTimeZone } from '../domain/time/zoned.ts';

export const eventModes = ['IN_PERSON', 'ONLINE'] as const;
export const eventStatuses = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const;

const isoInstant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant; UTC (`Z`) recommended');
const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);
const timeZone = z.string().max(64).refine(isValidTimeZone, { message: 'Unknown IANA time zone' });

const eventFields = {
  title: z.string().trim().min(3).max(100),
  subtitle: z.string().max(200).nullable(),
  description: z.string().max(5000).nullable(),
  coverImage: httpUrl.nullable(),
  mode: z.enum(eventModes),
  location: z.string().max(500).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  startAt: isoInstant,
  endAt: isoInstant.nullable(),
  timezone: timeZone,
  capacity: z.number().int().min(1).max(1_000_000).nullable().describe('null = unlimited'),
  waitlist: z.boolean(),
};

export const createEventBody = z
  .strictObject({
    ...eventFields,
    subtitle: eventFields.subtitle.optional(),
    description: eventFields.description.optional(),
    coverImage: eventFields.coverImage.optional(),
    location: eventFields.location.optional(),
    latitude: eventFields.latitude.optional(),
    longitude: eventFields.longitude.optional(),
    endAt: eventFields.endAt.optional().describe('Defaults to startAt + 2 h'),
    timezone: eventFields.timezone.optional().describe('Defaults to Europe/Paris'),
    capacity: eventFields.capacity.optional(),
    waitlist: eventFields.waitlist.optional().describe('Defaults to true'),
    status: z.enum(['DRAFT', 'PUBLISHED']).optional().describe('Defaults to DRAFT'),
  })
  .meta({ id: 'CreateEventInput' });
export type CreateEventBody = z.infer<typeof createEventBody>;

export const updateEventBody = z
  .strictObject({
    title: eventFields.title.optional(),
    subtitle: eventFields.subtitle.optional(),
    description: eventFields.description.optional(),
    coverImage: eventFields.coverImage.optional(),
    mode: eventFields.mode.optional(),
    location: eventFields.location.optional(),
    latitude: eventFields.latitude.optional(),
    longitude: eventFields.longitude.optional(),
    startAt: eventFields.startAt.optional(),
    endAt: isoInstant.optional(),
    timezone: eventFields.timezone.optional(),
    capacity: eventFields.capacity.optional(),
    waitlist: eventFields.waitlist.optional(),
    status: z.enum(eventStatuses).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'At least one field must be sent' })
  .meta({ id: 'UpdateEventInput' });
export type UpdateEventBody = z.infer<typeof updateEventBody>;

export const listEventsQuery = z.strictObject({
  status: z.enum(eventStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;

export const eventIdParams = z.strictObject({
  id: z.string().min(1).max(200).describe('Event UUID or slug'),
});

export const apiKeyIdParams = z.strictObject({
  id: z.string().min(1).max(100),
});

export const createApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().describe('A label to recognise the key by'),
  })
  .meta({ id: 'CreateApiKeyInput' });
