/** The EventLite view of an Event: the seed's camelCase fields, counters in its snake_case names. */
import type { Event } from '../domain/event.ts';
import type { ApiKeyRecord, User } from '../domain/identity.ts';
import { displayName } from '../domain/identity.ts';

export function eventView(event: Event) {
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    subtitle: event.subtitle,
    description: event.description,
    coverImage: event.coverImage,
    mode: event.mode,
    location: event.location,
    latitude: event.latitude,
    longitude: event.longitude,
    startAt: event.startAt,
    endAt: event.endAt,
    timezone: event.timezone,
    capacity: event.capacity,
    waitlist: event.waitlist,
    status: event.status,
    organizerId: event.organizerId,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

const totalRegistrations = (event: Event) => (event.confirmedCount ?? 0) + (event.waitlistCount ?? 0);

export const eventListItemView = (event: Event) => ({ ...eventView(event), registrations_count: totalRegistrations(event) });

export function eventDetailView(event: Event, organizer: User | null) {
  return {
    ...eventView(event),
    organizer: organizer
      ? { id: organizer.id, name: displayName(organizer), email: organizer.email }
      : { id: event.organizerId, name: '', email: '' },
    confirmed_count: event.confirmedCount ?? 0,
    waitlist_count: event.waitlistCount ?? 0,
    total_registrations: totalRegistrations(event),
  };
}

export function apiKeyView(record: ApiKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    organizationId: record.organizationId,
    scopes: record.scopes ?? [],
    expiresAt: typeof record.expiresAt === 'number' ? new Date(record.expiresAt * 1000).toISOString() : null,
    createdAt: record.createdAt,
  };
}
